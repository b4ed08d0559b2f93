//! Backup storage locations (`file://`, `oss://`, `cos://`, `s3://` URIs) and
//! the redaction of the credentials they carry.
//!
//! OceanBase takes credentials inside the URI (`access_id`, `access_key`).
//! A [`StorageUri`] therefore prints redacted everywhere (Display, Debug,
//! serde); only [`StorageUri::expose`] gives the full text, for the connector
//! to put into a statement.

use std::fmt;

use serde::{Serialize, Serializer};
use ts_rs::TS;

use crate::names::InvalidInput;
use crate::words;
use crate::words::Words;

/// OceanBase's limit on a backup destination (OB_MAX_BACKUP_DEST_LENGTH).
pub const MAX_URI_LEN: usize = 2048;

/// Query parameters whose values are credentials.
pub const SECRET_PARAMS: &[&str] = &["access_id", "access_key", "secret_key", "sts_token", "encrypt_key"];

const REDACTED: &str = "***";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StorageKind {
    /// A local or NFS path.
    File,
    Oss,
    Cos,
    S3,
}

impl StorageKind {
    pub const ALL: &'static [StorageKind] = &[StorageKind::File, StorageKind::Oss, StorageKind::Cos, StorageKind::S3];

    pub fn scheme(self) -> &'static str {
        match self {
            StorageKind::File => "file",
            StorageKind::Oss => "oss",
            StorageKind::Cos => "cos",
            StorageKind::S3 => "s3",
        }
    }

    /// Query parameters OceanBase requires for this kind.
    fn required_params(self) -> &'static [&'static str] {
        match self {
            StorageKind::File => &[],
            StorageKind::Oss => &["host", "access_id", "access_key"],
            StorageKind::Cos => &["host", "access_id", "access_key", "appid"],
            // s3_region only for AWS itself: see `StorageUri::parse`.
            StorageKind::S3 => &["host", "access_id", "access_key"],
        }
    }
}

/// A validated backup destination.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StorageUri {
    kind: StorageKind,
    raw: String,
}

impl StorageUri {
    /// Validates `text` as the storage URI in `field`.
    pub fn parse(field: &'static str, text: &str) -> Result<StorageUri, InvalidInput> {
        let invalid = |rule: Words| InvalidInput::new(field, rule);
        if text.is_empty() {
            return Err(invalid(words!("must not be empty", "不能为空")));
        }
        if text.len() > MAX_URI_LEN {
            let got = text.len();
            return Err(invalid(words!(
                "must be at most {MAX_URI_LEN} bytes (got {got})",
                "最多 {MAX_URI_LEN} 字节（实际为 {got} 字节）"
            )));
        }
        // Quotes, commas (RESTORE's list separator), spaces and control
        // characters never belong in a destination; refusing them keeps the
        // statement text unambiguous even before escaping.
        if let Some(c) = text
            .chars()
            .find(|c| c.is_control() || c.is_whitespace() || matches!(c, '\'' | '"' | '`' | ',' | ';' | '\\'))
        {
            return Err(invalid(words!("must not contain {c:?}", "不能包含 {c:?}")));
        }
        let (scheme, rest) = text.split_once("://").ok_or_else(|| {
            invalid(words!(
                "must start with file://, oss://, cos:// or s3://",
                "必须以 file://、oss://、cos:// 或 s3:// 开头"
            ))
        })?;
        let kind = StorageKind::ALL
            .iter()
            .copied()
            .find(|k| k.scheme() == scheme)
            .ok_or_else(|| {
                // Only a word shaped like a scheme is echoed: text up to a later `://` (a
                // host's `https://`) may hold a credential.
                if scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                {
                    invalid(words!(
                        "scheme {scheme:?} is not one of file, oss, cos, s3",
                        "协议 {scheme:?} 不是 file、oss、cos、s3 之一"
                    ))
                } else {
                    invalid(words!(
                        "must start with file://, oss://, cos:// or s3://",
                        "必须以 file://、oss://、cos:// 或 s3:// 开头"
                    ))
                }
            })?;
        let (path, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };
        match kind {
            StorageKind::File => {
                if !path.starts_with('/') || path.len() < 2 {
                    return Err(invalid(words!(
                        "a file:// destination needs an absolute path, like file:///data/backup",
                        "file:// 目的地需要绝对路径，例如 file:///data/backup"
                    )));
                }
                if query.is_some() {
                    return Err(invalid(words!(
                        "a file:// destination takes no parameters",
                        "file:// 目的地不带参数"
                    )));
                }
            }
            _ => {
                let bucket = path.split('/').next().unwrap_or_default();
                if bucket.is_empty() || path.len() <= bucket.len() + 1 {
                    let scheme = kind.scheme();
                    return Err(invalid(words!(
                        "needs a bucket and a path, like {scheme}://bucket/backup",
                        "需要存储桶和路径，例如 {scheme}://bucket/backup"
                    )));
                }
                let params: Vec<(&str, &str)> = query
                    .unwrap_or_default()
                    .split('&')
                    .filter(|p| !p.is_empty())
                    .map(|p| p.split_once('=').unwrap_or((p, "")))
                    .collect();
                // `redact` ends a value at `)` (it also reads error messages), so a credential
                // holding one would print its tail; the other characters that end a value
                // are refused above.
                if let Some((name, _)) = params
                    .iter()
                    .find(|(k, v)| SECRET_PARAMS.contains(&k.to_ascii_lowercase().as_str()) && v.contains(')'))
                {
                    return Err(invalid(words!(
                        "the value of {name} must not contain ')'",
                        "{name} 的值不能包含 ')'"
                    )));
                }
                let has = |name: &str| params.iter().any(|(k, v)| *k == name && !v.is_empty());
                for required in kind.required_params() {
                    if !has(required) {
                        let scheme = kind.scheme();
                        return Err(invalid(words!(
                            "a {scheme} destination needs the parameter {required}",
                            "{scheme} 目的地需要参数 {required}"
                        )));
                    }
                }
                // The region belongs to AWS S3: OceanBase's documentation requires it for
                // AWS endpoints and omits it for S3-compatible stores (OBS, GCS, COS
                // through S3; the "prepare backup media" pages of V4.2.5 and V4.3.3), and
                // refuses it on other schemes ("only s3 protocol can set s3_region",
                // `ObObjectStorageInfo::parse_storage_info_`).
                if kind == StorageKind::S3 {
                    let host = params.iter().find(|(k, _)| *k == "host").map_or("", |(_, v)| *v);
                    if is_aws_endpoint(host) && !has("s3_region") {
                        return Err(invalid(words!(
                            "an AWS S3 endpoint ({host}) needs the parameter s3_region",
                            "AWS S3 端点（{host}）需要参数 s3_region"
                        )));
                    }
                } else if params.iter().any(|(k, _)| *k == "s3_region") {
                    let scheme = kind.scheme();
                    return Err(invalid(words!(
                        "s3_region belongs to s3:// destinations, not {scheme}://",
                        "s3_region 只用于 s3:// 目的地，不能用于 {scheme}://"
                    )));
                }
            }
        }
        Ok(StorageUri {
            kind,
            raw: text.to_owned(),
        })
    }

    pub fn kind(&self) -> StorageKind {
        self.kind
    }

    /// Where it points, without parameters: `oss://bucket/path`.
    pub fn location(&self) -> &str {
        location(&self.raw)
    }

    /// The full text, credentials included: only for building the statement
    /// that sends it to the cluster.
    pub fn expose(&self) -> &str {
        &self.raw
    }

    /// The text with every credential replaced by `***`.
    pub fn redacted(&self) -> String {
        redact(&self.raw)
    }
}

impl fmt::Display for StorageUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for StorageUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StorageUri({})", self.redacted())
    }
}

impl Serialize for StorageUri {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.redacted())
    }
}

/// An AWS S3 endpoint: `s3.amazonaws.com`, `s3.<region>.amazonaws.com`, and their
/// `https://` forms.
pub(crate) fn is_aws_endpoint(host: &str) -> bool {
    let host = host.trim_start_matches("https://").trim_start_matches("http://");
    let host = host.split(['/', ':']).next().unwrap_or(host).to_ascii_lowercase();
    host == "amazonaws.com" || host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn")
}

/// Where a URI points, without its parameters or a trailing `/` (and without the
/// `LOCATION=` a log archive destination is written with).
pub fn location(uri: &str) -> &str {
    let uri = uri.trim();
    let uri = match uri.get(..9) {
        Some(head) if head.eq_ignore_ascii_case("LOCATION=") => &uri[9..],
        _ => uri,
    };
    uri.split('?').next().unwrap_or("").trim_end_matches('/')
}

/// The AccessKey pair an operator types for one send (a restore or its retry); never
/// kept. `Debug` shows neither.
#[derive(Clone, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccessKeys {
    pub access_id: String,
    pub access_key: String,
}

impl fmt::Debug for AccessKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessKeys(***)")
    }
}

/// The query parameters of a URI, in order.
fn query_params(uri: &str) -> Vec<(&str, &str)> {
    uri.split_once('?')
        .map(|(_, q)| q.split('&').filter_map(|kv| kv.split_once('=')).collect())
        .unwrap_or_default()
}

/// `redacted` (a destination as the views show it, its keys `***`) with `keys` in their
/// place, the other parameters (host, appid, s3_region) as the cluster has them.
pub fn with_keys(redacted: &str, keys: &AccessKeys) -> String {
    let mut text = location(redacted).to_owned();
    let mut params: Vec<(String, String)> = query_params(redacted)
        .into_iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("access_id") && !k.eq_ignore_ascii_case("access_key"))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    // After host, where OceanBase writes them.
    let at = params
        .iter()
        .position(|(k, _)| k.eq_ignore_ascii_case("host"))
        .map_or(0, |i| i + 1);
    params.insert(at, ("access_id".into(), keys.access_id.clone()));
    params.insert(at + 1, ("access_key".into(), keys.access_key.clone()));
    for (i, (k, v)) in params.iter().enumerate() {
        text.push(if i == 0 { '?' } else { '&' });
        text.push_str(&format!("{k}={v}"));
    }
    text
}

/// `redacted` completed with the keys of `root` (a destination the desk holds the keys
/// for), when it is `root` or lies beneath it on the same endpoint.
pub fn under_root(redacted: &str, root: &StorageUri) -> Option<String> {
    let (here, base) = (location(redacted), root.location());
    let beneath =
        here.len() > base.len() && here[..base.len()].eq_ignore_ascii_case(base) && here.as_bytes()[base.len()] == b'/';
    if !(here.eq_ignore_ascii_case(base) || beneath) {
        return None;
    }
    let host = |uri: &str| {
        query_params(uri)
            .into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("host"))
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    let (here_host, root_host) = (host(redacted), host(root.expose()));
    if here_host.is_some() && here_host != root_host {
        return None;
    }
    let query = root.expose().split_once('?').map_or("", |(_, q)| q);
    Some(if query.is_empty() {
        here.to_owned()
    } else {
        format!("{here}?{query}")
    })
}

/// Whether two URIs (redacted or not) point at the same place.
pub fn same_location(a: &str, b: &str) -> bool {
    location(a).eq_ignore_ascii_case(location(b))
}

/// Replaces the value of every credential parameter in `text` (a URI, an
/// error message, a statement) with `***`. Parameter names match without
/// regard to case; a value ends at `&`, a quote, a comma, whitespace or `)`.
pub fn redact(text: &str) -> String {
    // Every credential is `name=value`: text without `=` (most view values) has none,
    // and a sync passes hundreds of thousands of them through here.
    if !text.contains('=') {
        return text.to_owned();
    }
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    'scan: while i < text.len() {
        for name in SECRET_PARAMS {
            let rest = &lower[i..];
            let is_key = rest.starts_with(name) && rest[name.len()..].starts_with('=');
            if is_key && (i == 0 || !is_name_byte(lower.as_bytes()[i - 1])) {
                let key_len = name.len() + 1;
                out.push_str(&text[i..i + key_len]);
                out.push_str(REDACTED);
                let value_start = i + key_len;
                let value_len = text[value_start..]
                    .find(|c: char| matches!(c, '&' | '\'' | '"' | ',' | ')') || c.is_whitespace())
                    .unwrap_or(text.len() - value_start);
                i = value_start + value_len;
                continue 'scan;
            }
        }
        let c = text[i..].chars().next().unwrap_or_default();
        out.push(c);
        i += c.len_utf8().max(1);
    }
    out
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const OSS: &str = "oss://bkt/backup/t1?host=oss-cn-hangzhou.aliyuncs.com&access_id=AKID123&access_key=S3CR3T";

    #[test]
    fn typed_keys_take_the_place_of_the_redacted_ones_and_nothing_else_moves() {
        let keys = AccessKeys {
            access_id: "LTAI5t".into(),
            access_key: "S3cr3t".into(),
        };
        let cos = "cos://b/d/data?host=cos.ap-shanghai.myqcloud.com&access_id=***&access_key=***&appid=125";
        let done = with_keys(cos, &keys);
        assert_eq!(
            done,
            "cos://b/d/data?host=cos.ap-shanghai.myqcloud.com&access_id=LTAI5t&access_key=S3cr3t&appid=125"
        );
        assert_eq!(StorageUri::parse("dataUri", &done).unwrap().kind(), StorageKind::Cos);
        assert_eq!(format!("{keys:?}"), "AccessKeys(***)");
    }

    #[test]
    fn held_keys_complete_a_destination_at_or_beneath_their_root_on_the_same_endpoint() {
        let root = StorageUri::parse("dataUri", OSS).unwrap();
        let shown = "oss://bkt/backup/t1/trade/data?host=oss-cn-hangzhou.aliyuncs.com&access_id=***&access_key=***";
        let done = under_root(shown, &root).unwrap();
        assert!(done.starts_with("oss://bkt/backup/t1/trade/data?host=") && done.contains("access_key=S3CR3T"));
        assert!(under_root("oss://bkt/backup/t1", &root).is_some(), "the root itself");
        assert_eq!(
            under_root("oss://bkt/backup/t10/x", &root),
            None,
            "a sibling that shares a prefix"
        );
        assert_eq!(under_root("oss://other/backup/t1/x", &root), None);
        let elsewhere = "oss://bkt/backup/t1/x?host=oss-cn-beijing.aliyuncs.com&access_key=***";
        assert_eq!(under_root(elsewhere, &root), None, "another endpoint");
    }

    #[test]
    fn a_location_is_the_uri_without_its_parameters() {
        assert_eq!(location("oss://b/p/?host=h&access_key=***"), "oss://b/p");
        assert!(same_location("file:///d/", "FILE:///d"));
        assert!(!same_location("file:///d", "file:///e"));
    }

    #[test]
    fn each_kind_is_checked_for_its_parameters() {
        assert_eq!(
            StorageUri::parse("dataUri", "file:///data/backup/t1").unwrap().kind(),
            StorageKind::File
        );
        assert_eq!(StorageUri::parse("dataUri", OSS).unwrap().kind(), StorageKind::Oss);
        let cos = "cos://b/p?host=cos.ap-shanghai.myqcloud.com&access_id=a&access_key=k&appid=125";
        assert_eq!(StorageUri::parse("dataUri", cos).unwrap().kind(), StorageKind::Cos);
        let s3 = "s3://b/p?host=s3.us-east-1.amazonaws.com&access_id=a&access_key=k&s3_region=us-east-1";
        assert_eq!(StorageUri::parse("dataUri", s3).unwrap().kind(), StorageKind::S3);

        // The region is AWS's: an AWS endpoint needs it, an S3-compatible store does not.
        let aws = "s3://b/p?host=s3.eu-west-1.amazonaws.com&access_id=a&access_key=k";
        let err = StorageUri::parse("dataUri", aws).unwrap_err();
        assert!(err.rule.en.contains("s3_region"), "{err}");
        for compatible in [
            "s3://b/p?host=obs.cn-north-4.myhuaweicloud.com&access_id=a&access_key=k",
            "s3://b/p?host=https://storage.googleapis.com&access_id=a&access_key=k",
            "s3://b/p?host=cos.ap-shanghai.myqcloud.com&access_id=a&access_key=k",
        ] {
            assert_eq!(
                StorageUri::parse("dataUri", compatible).unwrap().kind(),
                StorageKind::S3
            );
        }
        let elsewhere = "oss://b/p?host=h&access_id=a&access_key=k&s3_region=x";
        assert!(StorageUri::parse("dataUri", elsewhere)
            .unwrap_err()
            .rule
            .en
            .contains("s3://"));
        assert!(StorageUri::parse("dataUri", "file://relative/path").is_err());
        assert!(StorageUri::parse("dataUri", "ftp://x/y").is_err());
        assert!(StorageUri::parse("dataUri", "oss://bucket?host=h&access_id=a&access_key=k").is_err());
    }

    #[test]
    fn hostile_uris_are_refused() {
        for bad in [
            "file:///data/x' TENANT = sys; --",
            "file:///data/x,file:///other",
            "file:///data/x\n",
            "file:///data/x y",
            "file:///data/x`",
            "file:///data/x\\'",
        ] {
            let err = StorageUri::parse("archiveUri", bad).unwrap_err();
            assert_eq!(err.field, "archiveUri");
            assert!(!err.to_string().contains("S3CR3T"));
        }
        let long = format!("file:///{}", "a".repeat(5000));
        assert!(StorageUri::parse("dataUri", &long).unwrap_err().to_string().len() < 200);
    }

    #[test]
    fn credentials_never_print() {
        let uri = StorageUri::parse("dataUri", OSS).unwrap();
        for shown in [
            uri.to_string(),
            format!("{uri:?}"),
            serde_json::to_string(&uri).unwrap(),
            uri.redacted(),
        ] {
            assert!(!shown.contains("S3CR3T") && !shown.contains("AKID123"), "{shown}");
            assert!(shown.contains("access_key=***"), "{shown}");
            assert!(shown.contains("host=oss-cn-hangzhou.aliyuncs.com"), "{shown}");
        }
        assert!(uri.expose().contains("S3CR3T"));
    }

    #[test]
    fn redaction_works_inside_any_text() {
        let msg = "backup dest 'oss://b/p?host=h&ACCESS_KEY=zz9&access_id=id1' is not accessible, secret_key=q";
        let r = redact(msg);
        assert_eq!(
            r,
            "backup dest 'oss://b/p?host=h&ACCESS_KEY=***&access_id=***' is not accessible, secret_key=***"
        );
        // A parameter that merely ends with a secret's name is not a secret.
        assert_eq!(redact("my_access_key_hint=x"), "my_access_key_hint=x");
        assert_eq!(redact("日本 access_key=秘密&x=1"), "日本 access_key=***&x=1");
    }

    /// `redact` ends a value at `)`, so a secret holding one printed its tail.
    /// Found by `tests/parsers_prop.rs`: `redact` ends a value at `)`, so a secret holding
    /// one printed its tail.
    #[test]
    fn a_credential_holding_a_parenthesis_is_refused_rather_than_half_redacted() {
        use crate::strategy::{SecretRef, StorageSecret, StorageSpec};
        for text in [
            "oss://a/_?host=h&access_id=0&access_key=)",
            "oss://b/p?host=h&access_id=a&access_key=abc)TAIL",
            "s3://b/p?host=h&access_id=ab)TAIL&access_key=k",
        ] {
            let e = StorageUri::parse("dataUri", text).unwrap_err();
            assert_eq!(e.field, "dataUri");
            assert!(e.rule.en.contains("must not contain ')'"), "{e}");
            assert!(!e.to_string().contains("TAIL"), "{e}");
        }
        // Elsewhere a parenthesis is no credential's: a path may hold one.
        assert!(StorageUri::parse("dataUri", "file:///data/backup(1)").is_ok());

        let spec = StorageSpec {
            kind: StorageKind::Oss,
            path: "a/_".into(),
            host: Some("s3.us-east-1.amazonaws.com".into()),
            region: None,
            app_id: None,
            access_id: Some("0".into()),
            secret_ref: Some(SecretRef::parse("storage-1").unwrap()),
        };
        let e = spec.uri(&[], Some(&StorageSecret::new(")"))).unwrap_err();
        assert_eq!(e.field, "secret");
    }

    /// Found by `tests/parsers_prop.rs`: a URI without a scheme of its own, whose host says
    /// `https://`: everything before that was echoed as the "scheme", credentials included.
    #[test]
    fn a_missing_scheme_is_refused_without_echoing_what_precedes_a_later_one() {
        for text in [
            "oss///?host=h&secret_key=S3CR3T&access_id=https://s3.amazonaws.com",
            "oss//b/p?access_id=a&access_key=S3CR3T&host=https://oss.example.com",
        ] {
            let e = StorageUri::parse("archiveUri", text).unwrap_err();
            assert!(!e.rule.en.contains("S3CR3T") && !e.rule.zh.contains("S3CR3T"), "{e}");
            assert!(e.rule.en.contains("must start with"), "{e}");
        }
        // A scheme-shaped word is still named.
        let e = StorageUri::parse("archiveUri", "ftp://x/y").unwrap_err();
        assert!(e.rule.en.contains("\"ftp\""), "{e}");
    }

    proptest! {
        #[test]
        fn redaction_removes_any_planted_secret(secret in "[A-Za-z0-9+/]{6,40}", prefix in "\\PC{0,30}", suffix in "\\PC{0,30}") {
            let text = format!("{prefix} access_key={secret}&host=x {suffix}");
            let r = redact(&text);
            prop_assert!(r.contains("access_key=***"));
            let planted = format!("access_key={}", secret);
            prop_assert!(!r.contains(&planted));
        }
    }
}
