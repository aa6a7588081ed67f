//! The one place where JSON keys are matched to envelope fields, and where numbers are read.

use crate::input::model::Field;

/// What a key of an object names, for the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldName {
    /// An envelope field, written as the source document writes it.
    Field(Field),
    /// An envelope field written otherwise (`statusCode`, `request_id`): a note says so.
    Renamed(Field),
    /// `Response`, in any case: the API 3.0 envelope's one member.
    Response,
    /// `Error`, in any case: the API 3.0 error, inside `Response`.
    Error,
    /// `Status`, in any case: another API's response, not API 3.0's.
    Status,
    /// Anything else.
    Other,
}

/// The key `raw` (with its quotes, as written) names. The usual spellings are told apart by
/// length and a byte, then compared once; others in any case, and with `_` or `-` between the
/// words of `StatusCode` and `RequestId` (`status_code`, `REQUEST-ID`).
#[inline]
pub(crate) fn key(raw: &[u8]) -> FieldName {
    let inner = &raw[1..raw.len() - 1];
    let exact = match inner.len() {
        4 if inner == b"Code" => Some(FieldName::Field(Field::Code)),
        4 if inner == b"Data" => Some(FieldName::Field(Field::Data)),
        5 if inner == b"Error" => Some(FieldName::Error),
        7 if inner == b"Message" => Some(FieldName::Field(Field::Message)),
        8 if inner == b"Response" => Some(FieldName::Response),
        9 if inner == b"RequestId" => Some(FieldName::Field(Field::RequestId)),
        10 if inner == b"StatusCode" => Some(FieldName::Field(Field::StatusCode)),
        _ => None,
    };
    if let Some(key) = exact {
        return key;
    }
    if inner.len() > 12 {
        return FieldName::Other;
    }
    let mut folded = [0u8; 12];
    folded[..inner.len()].copy_from_slice(inner);
    folded.make_ascii_lowercase();
    let field = match &folded[..inner.len()] {
        b"requestid" | b"request_id" | b"request-id" => Field::RequestId,
        b"code" => Field::Code,
        b"statuscode" | b"status_code" | b"status-code" => Field::StatusCode,
        b"message" => Field::Message,
        b"data" => Field::Data,
        b"response" => return FieldName::Response,
        b"error" => return FieldName::Error,
        b"status" => return FieldName::Status,
        _ => return FieldName::Other,
    };
    FieldName::Renamed(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_matched_exactly_then_folded() {
        assert_eq!(key(br#""StatusCode""#), FieldName::Field(Field::StatusCode));
        assert_eq!(
            key(br#""statusCode""#),
            FieldName::Renamed(Field::StatusCode)
        );
        assert_eq!(
            key(br#""request_id""#),
            FieldName::Renamed(Field::RequestId)
        );
        assert_eq!(
            key(br#""REQUEST-ID""#),
            FieldName::Renamed(Field::RequestId)
        );
        assert_eq!(key(br#""Response""#), FieldName::Response);
        assert_eq!(key(br#""Error""#), FieldName::Error);
        assert_eq!(key(br#""response""#), FieldName::Response);
        assert_eq!(key(br#""ERROR""#), FieldName::Error);
        assert_eq!(key(br#""status""#), FieldName::Status);
        assert_eq!(key(br#""StatusCodes""#), FieldName::Other);
        assert_eq!(key(br#""Cod""#), FieldName::Other);
        assert_eq!(key(br#""""#), FieldName::Other);
        assert_eq!(key(br#""Stat\u0075sCode""#), FieldName::Other);
        assert_eq!(key(br#""a_very_long_key_name""#), FieldName::Other);
    }
}
