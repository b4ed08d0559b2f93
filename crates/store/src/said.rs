//! What the desk said, as the cache keeps it: a sentence in every language
//! (`desk_model::Words`) as JSON in a TEXT column. A row written before the
//! desk spoke Chinese holds plain text, read back as the same words in both.

use desk_model::Words;

pub(crate) fn words_in(words: &Words) -> String {
    serde_json::to_string(words).unwrap_or_else(|_| words.en.clone())
}

pub(crate) fn words_out(text: Option<String>) -> Option<Words> {
    text.map(|t| serde_json::from_str(&t).unwrap_or_else(|_| Words::verbatim(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_come_back_and_old_plain_text_reads_as_itself() {
        let w = Words::new("no answer from h:1", "h:1 没有应答");
        assert_eq!(words_out(Some(words_in(&w))), Some(w));
        assert_eq!(
            words_out(Some("connection refused".into())),
            Some(Words::verbatim("connection refused"))
        );
        assert_eq!(words_out(None), None);
    }
}
