//! The shapes of HTTP in text: status lines, headers, `curl -v`'s marks and `curl --raw`'s
//! chunk sizes.

use crate::input::model::HttpResponse;

/// What a line of `curl -v` output is, by its mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verbose<'a> {
    /// `< …`: a line of the response (status line, header or blank), without the mark.
    Response(&'a [u8]),
    /// `> …`: a line of the request, without the mark.
    Request(&'a [u8]),
    /// `* …`, `{ [5 bytes data]`: curl's own notes.
    Note,
}

/// The `curl -v` mark of `line`, if it has one.
pub(crate) fn verbose(line: &[u8]) -> Option<Verbose<'_>> {
    match line {
        [b'<', b' ', rest @ ..] => Some(Verbose::Response(rest)),
        [b'<'] => Some(Verbose::Response(b"")),
        [b'>', b' ', rest @ ..] => Some(Verbose::Request(rest)),
        [b'>'] => Some(Verbose::Request(b"")),
        [b'*', b' ', ..] => Some(Verbose::Note),
        [b'{' | b'}', b' ', b'[', rest @ ..] if rest.ends_with(b" data]") => Some(Verbose::Note),
        _ => None,
    }
}

/// The response a status line (`HTTP/1.1 200 OK`, `HTTP/2 404`) starts, if `line` is one.
pub(crate) fn status_line(line: &[u8]) -> Option<HttpResponse> {
    let rest = line.strip_prefix(b"HTTP/")?;
    let version_len = rest
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    if version_len == 0 || rest.get(version_len) != Some(&b' ') {
        return None;
    }
    let code = &rest[version_len + 1..];
    let digits = code.get(..3)?;
    if !digits.iter().all(u8::is_ascii_digit) || code.get(3).is_some_and(|b| *b != b' ') {
        return None;
    }
    let status = digits
        .iter()
        .fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
    Some(HttpResponse {
        status_line: String::from_utf8_lossy(line.trim_ascii_end()).into_owned(),
        status,
        ..HttpResponse::default()
    })
}

/// `(name, value)` when `line` is shaped like a header: a token, a colon, a value.
pub(crate) fn header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = memchr::memchr(b':', line)?;
    let name = &line[..colon];
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    let value = line[colon + 1..].trim_ascii();
    // A JSON value is no header's (`ERROR: {"StatusCode":…}` is a log line).
    if name.is_empty() || !name.iter().all(token) || matches!(value.first(), Some(b'{' | b'[')) {
        return None;
    }
    Some((name, value))
}

/// Takes what matters of a response header: a request ID, chunked transfer.
pub(crate) fn response_header(http: &mut HttpResponse, name: &[u8], value: &[u8]) {
    let value_text = || String::from_utf8_lossy(value).into_owned();
    let folded: Vec<u8> = name
        .iter()
        .filter(|b| !matches!(b, b'-' | b'_'))
        .map(u8::to_ascii_lowercase)
        .collect();
    match &folded[..] {
        b"xrequestid" | b"requestid" | b"xtcrequestid" | b"xreqid" if http.request_id.is_none() => {
            let name = String::from_utf8_lossy(name).into_owned();
            http.request_id = Some((name, value_text()));
        }
        b"transferencoding" if value.eq_ignore_ascii_case(b"chunked") => http.chunked = true,
        _ => {}
    }
}

/// The `X-TC-Action` of a request header line, if it is that header.
pub(crate) fn request_action(line: &[u8]) -> Option<String> {
    let (name, value) = header(line)?;
    name.eq_ignore_ascii_case(b"X-TC-Action")
        .then(|| String::from_utf8_lossy(value).into_owned())
}

/// Whether `line` is a chunk-size line of `curl --raw` (`7b`, `0`, `1a;ext=1`).
pub(crate) fn chunk_size(line: &[u8]) -> bool {
    let size = line
        .split(|b| *b == b';')
        .next()
        .unwrap_or(line)
        .trim_ascii();
    !size.is_empty() && size.len() <= 16 && size.iter().all(u8::is_ascii_hexdigit)
}

/// Where `HTTP/` starts a status line in the rest of a line after a body that had no line end
/// (`curl -si URL1 URL2`).
pub(crate) fn status_after_body(rest: &[u8]) -> Option<usize> {
    let at = memchr::memmem::find(rest, b"HTTP/")?;
    status_line(&rest[at..]).map(|_| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        let http = status_line(b"HTTP/1.1 403 Forbidden").unwrap();
        assert_eq!(
            (http.status, http.status_line.as_str()),
            (403, "HTTP/1.1 403 Forbidden")
        );
        assert_eq!(status_line(b"HTTP/2 200").unwrap().status, 200);
        assert_eq!(status_line(b"HTTP/2 200 ").unwrap().status, 200);
        assert!(status_line(b"HTTP/1.1 20 OK").is_none());
        assert!(status_line(b"HTTP/1.1 2000 OK").is_none());
        assert!(status_line(b"HTTP/ 200").is_none());
        assert!(status_line(b"HTTPS/1.1 200").is_none());
    }

    #[test]
    fn headers_and_what_is_not_one() {
        assert_eq!(
            header(b"X-Request-Id: abc"),
            Some((&b"X-Request-Id"[..], &b"abc"[..]))
        );
        assert_eq!(
            header(b"Content-Length:0"),
            Some((&b"Content-Length"[..], &b"0"[..]))
        );
        assert!(header(br#"{"StatusCode":200}"#).is_none());
        assert!(header(b"2026-11-27 08:00:01 ERROR x").is_none());
        assert!(header(b"no colon").is_none());
        assert!(header(b": empty name").is_none());
        assert!(header(br#"ERROR: {"StatusCode":40006}"#).is_none());
    }

    #[test]
    fn curl_marks_and_chunks() {
        assert_eq!(
            verbose(b"< HTTP/1.1 200 OK"),
            Some(Verbose::Response(b"HTTP/1.1 200 OK"))
        );
        assert_eq!(verbose(b"<"), Some(Verbose::Response(b"")));
        assert_eq!(
            verbose(b"> GET / HTTP/1.1"),
            Some(Verbose::Request(b"GET / HTTP/1.1"))
        );
        assert_eq!(verbose(b"* Connected"), Some(Verbose::Note));
        assert_eq!(verbose(b"{ [5 bytes data]"), Some(Verbose::Note));
        assert_eq!(verbose(br#"{"a":1}"#), None);
        assert!(chunk_size(b"7b") && chunk_size(b"0") && chunk_size(b"1a;x=y"));
        assert!(!chunk_size(b"") && !chunk_size(b"{}") && !chunk_size(b"xyz"));
        assert_eq!(
            request_action(b"X-TC-Action: AddOrganization").as_deref(),
            Some("AddOrganization")
        );
    }
}
