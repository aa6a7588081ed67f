# The annotation errcode explain --format json writes, per envelope, in jq: the verdict, the
# codes, the table's meanings (message, message_en, category, retry, hint) and the expected
# HTTP status, with the table ($r, from `errcode list --format json`) loaded once.
($r[0] | group_by(.code) | map({key: (.[0].code | tostring), value: .}) | from_entries) as $table
| inputs
| . as $e
| ($table[($e.StatusCode | tostring)] // []) as $m
| {
    envelope: $e,
    annotation: {
      verdict: (if $e.StatusCode == 200 and (($e.Code // 0) == 0) and ($m | length) > 0 then "success" else "error" end),
      status_code: $e.StatusCode,
      code: $e.Code,
      request_id: $e.RequestId,
      meanings: ($m | map({message, message_en, category, retry, hint})),
      expected_http_status: ($m[0].http_status // null)
    }
  }
