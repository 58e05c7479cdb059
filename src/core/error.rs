//! Problems found while loading a dataset.
//!
//! Loading never stops at the first problem: a curator fixing a file wants to
//! see all of them at once, each with the JSON path and the line and column.

use std::fmt;

use super::json::Position;

/// What sort of problem it is. Tests and callers match on this; the message
/// is for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The bytes are not UTF-8 text (UTF-16, Latin-1, a broken character).
    Encoding,
    /// The text is not JSON.
    Syntax,
    /// A member the format does not define.
    UnknownField,
    /// A required member is absent.
    MissingField,
    /// The same member name twice in one object.
    DuplicateField,
    /// A value of the wrong JSON type.
    WrongType,
    /// A value outside the allowed set, such as an unknown status.
    InvalidValue,
    /// Text that is empty or only white space where text is required.
    EmptyText,
    /// An id that is not lower-case kebab case.
    InvalidId,
    /// Two things with the same id.
    DuplicateId,
    /// A reference to an id that does not exist, or names the wrong kind of thing.
    UnknownReference,
    /// A date that is malformed or does not exist.
    InvalidDate,
    /// An approximate date without a note saying how it was inferred.
    MissingDateNote,
    /// A citation whose quote is empty.
    EmptyQuote,
    /// A quote shortened with an ellipsis, so not contiguous.
    EllipsisInQuote,
    /// A quote that does not appear in the stored text of its source.
    QuoteNotFound,
    /// A URL that is not http: or https:.
    InvalidUrl,
    /// Something that must carry a citation has none.
    MissingCitation,
    /// A list that must not be empty is.
    EmptyList,
    /// A commitment with no status history.
    EmptyStatusHistory,
    /// Status entries out of date order.
    StatusOutOfOrder,
    /// A format version this loader does not read.
    UnsupportedVersion,
}

impl ProblemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Encoding => "encoding",
            ProblemKind::Syntax => "syntax",
            ProblemKind::UnknownField => "unknown_field",
            ProblemKind::MissingField => "missing_field",
            ProblemKind::DuplicateField => "duplicate_field",
            ProblemKind::WrongType => "wrong_type",
            ProblemKind::InvalidValue => "invalid_value",
            ProblemKind::EmptyText => "empty_text",
            ProblemKind::InvalidId => "invalid_id",
            ProblemKind::DuplicateId => "duplicate_id",
            ProblemKind::UnknownReference => "unknown_reference",
            ProblemKind::InvalidDate => "invalid_date",
            ProblemKind::MissingDateNote => "missing_date_note",
            ProblemKind::EmptyQuote => "empty_quote",
            ProblemKind::EllipsisInQuote => "ellipsis_in_quote",
            ProblemKind::QuoteNotFound => "quote_not_found",
            ProblemKind::InvalidUrl => "invalid_url",
            ProblemKind::MissingCitation => "missing_citation",
            ProblemKind::EmptyList => "empty_list",
            ProblemKind::EmptyStatusHistory => "empty_status_history",
            ProblemKind::StatusOutOfOrder => "status_out_of_order",
            ProblemKind::UnsupportedVersion => "unsupported_version",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem: what, where (JSON path, line and column, byte offset) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// A JSON path such as `events[3].date.value`; empty for the whole document.
    pub path: String,
    pub pos: Position,
    /// The byte offset of `pos`: in the text loaded, or for an encoding
    /// problem, in the bytes read.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(document)"
        } else {
            &self.path
        };
        write!(f, "{path} ({}): {}", self.pos, self.message)
    }
}

/// Why a dataset could not be loaded: every problem found, in text order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    problems: Vec<Problem>,
}

impl LoadError {
    pub fn new(mut problems: Vec<Problem>) -> LoadError {
        debug_assert!(!problems.is_empty());
        super::order::sort_by_key(&mut problems, |p| (p.pos.line, p.pos.column));
        LoadError { problems }
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.len() {
            1 => write!(f, "The dataset has 1 problem:")?,
            n => write!(f, "The dataset has {n} problems:")?,
        }
        for problem in &self.problems {
            write!(f, "\n- {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
