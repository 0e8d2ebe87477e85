//! JSON in, typed values out: every serde failure becomes an [`Error`] with a code and a JSON pointer.

use crate::error::{Error, ErrorCode, Errors};
use serde::de::DeserializeOwned;

const MARK: &str = "[giamngheo:";

const SPLIT: char = '\u{1e}';

/// A serde error message carrying one of our codes and both messages, so that [`from_str`]
/// can recover them.
pub(crate) fn coded(code: ErrorCode, vi: &str, en: &str) -> String {
    format!("{MARK}{}] {vi}{SPLIT}{en}", code.as_str())
}

/// Parses JSON text into `T`; a failure names its code and the JSON pointer of the bad field.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Errors> {
    crate::limits::check_text(text)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| Errors::from(convert(e)))?;
    de.end().map_err(|e| Errors::from(syntax_error(&e)))?;
    Ok(value)
}

/// Like [`from_str`], for a type that JSON gives as an object: any other JSON value (an array
/// serde would read field by field, a number...) is a `type_invalid` error at the root.
pub fn object_from_str<T: DeserializeOwned>(text: &str) -> Result<T, Errors> {
    crate::limits::check_text(text)?;
    let trimmed = text.trim_start();
    if !trimmed.starts_with('{') {
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| Errors::from(syntax_error(&e)))?;
        return Err(Error::new(
            ErrorCode::TypeInvalid,
            "",
            "Đầu vào phải là một đối tượng JSON ({...}).",
            "The input must be a JSON object ({...}).",
        )
        .into());
    }
    from_str(text)
}

/// Writes a result as a JSON value (every JSON function's answer).
pub fn to_value<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, Errors> {
    serde_json::to_value(value).map_err(|e| {
        Errors::from(Error::new(
            ErrorCode::TypeInvalid,
            "",
            format!("Không chuyển được kết quả sang JSON: {e}"),
            format!("The result could not be written as JSON: {e}"),
        ))
    })
}

/// Converts an already parsed JSON value into `T`, with the same errors as [`from_str`].
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, Errors> {
    serde_path_to_error::deserialize(value).map_err(|e| Errors::from(convert(e)))
}

/// The deepest nesting of objects and arrays a request may have (serde_json's own limit).
pub const MAX_DEPTH: usize = crate::limits::MAX_DEPTH;

/// The error for a request nested deeper than [`MAX_DEPTH`], at `path`, for readers that build
/// JSON from other values (the bindings) and must stop before serde_json would.
pub fn too_deep(path: &str) -> Error {
    Error::new(
        ErrorCode::JsonSyntax,
        path,
        format!("JSON lồng quá sâu (quá {MAX_DEPTH} cấp)."),
        format!("JSON nested too deeply (more than {MAX_DEPTH} levels)."),
    )
}

fn syntax_error(e: &serde_json::Error) -> Error {
    Error::new(
        ErrorCode::JsonSyntax,
        "",
        format!("JSON không hợp lệ ở dòng {}, cột {}.", e.line(), e.column()),
        format!("Malformed JSON at line {}, column {}.", e.line(), e.column()),
    )
}

fn convert(e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let mut path = to_pointer(e.path());
    // For an unknown field, the path already ends with its key, exact (serde's message quotes it
    // in backticks, which a key may itself contain).
    let last_key = match e.path().iter().next_back() {
        Some(serde_path_to_error::Segment::Map { key }) => Some(key.clone()),
        _ => None,
    };
    let inner = e.inner();
    if matches!(inner.classify(), serde_json::error::Category::Syntax | serde_json::error::Category::Eof) {
        return syntax_error(inner);
    }
    let full = inner.to_string();
    let msg = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    if let Some(rest) = msg.strip_prefix(MARK) {
        if let Some((code, text)) = rest.split_once("] ") {
            if let Some(code) = ErrorCode::from_str_code(code) {
                let (vi, en) = text.split_once(SPLIT).unwrap_or((text, text));
                return Error::new(code, path, vi, en);
            }
        }
    }
    let quoted = backticked(msg);
    if msg.starts_with("missing field") {
        let field = quoted.unwrap_or_default();
        path.push_str(&crate::error::pointer([&field]));
        return Error::new(
            ErrorCode::FieldMissing,
            path,
            format!("Thiếu trường bắt buộc '{field}'."),
            format!("Required field '{field}' is missing."),
        );
    }
    if msg.starts_with("unknown field") {
        let field = match last_key {
            Some(key) => key,
            None => {
                let field = quoted.unwrap_or_default();
                path.push_str(&crate::error::pointer([&field]));
                field
            }
        };
        return Error::new(
            ErrorCode::FieldUnknown,
            path,
            format!("Trường '{field}' không có trong lược đồ ({msg})."),
            format!("Field '{field}' is not in the schema ({msg})."),
        );
    }
    if msg.starts_with("unknown variant") {
        return Error::new(
            ErrorCode::ValueUnknown,
            path,
            format!("Giá trị không thuộc danh sách cho phép ({msg})."),
            format!("Value is not one of the allowed values ({msg})."),
        );
    }
    if msg.starts_with("invalid value") {
        return Error::new(
            ErrorCode::NumberInvalid,
            path,
            format!("Giá trị ngoài phạm vi cho phép ({msg})."),
            format!("Value out of the allowed range ({msg})."),
        );
    }
    Error::new(
        ErrorCode::TypeInvalid,
        path,
        format!("Sai kiểu dữ liệu ({msg})."),
        format!("Wrong type of value ({msg})."),
    )
}

fn backticked(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let len = msg[start..].find('`')?;
    Some(msg[start..start + len].to_string())
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segs = path.iter().filter_map(|s| match s {
        Segment::Seq { index } => Some(index.to_string()),
        Segment::Map { key } => Some(key.clone()),
        Segment::Enum { variant } => Some(variant.clone()),
        Segment::Unknown => None,
    });
    crate::error::pointer(segs)
}

/// The JSON Schema of an exact decimal in an answer: the same as an input's
/// [`ExactDecimal`](crate::number::ExactDecimal), so both share one `Decimal` definition.
pub struct DecimalSchema;

impl schemars::JsonSchema for DecimalSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <crate::number::ExactDecimal as schemars::JsonSchema>::schema_name()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <crate::number::ExactDecimal as schemars::JsonSchema>::json_schema(g)
    }
}
