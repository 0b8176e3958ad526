//! [`ParseOptions`]: what a parse stores, shares and keeps.

use std::sync::Arc;

use crate::dict::{LruDictionary, NameDictionary};

/// How to parse: which dictionary names go through, whether to index `id`s,
/// the scripting flag and whether to keep parse errors.
///
/// Options are cheap to clone and meant to be built once and shared by every
/// parse of a crawl.
///
/// ```
/// use std::sync::Arc;
/// use htmldict::{LruDictionary, ParseOptions, parse_html};
///
/// let options = ParseOptions::new()
///     .dictionary(Arc::new(LruDictionary::new(10_000)))
///     .collect_ids(false)
///     .scripting(false)
///     .keep_errors(true);
/// let doc = parse_html("<noscript><p>enable JS</p></noscript>", &options)?;
/// assert!(!doc.has_id_index());
/// // With scripting off, <noscript> content is markup.
/// assert!(doc.root().descendants().any(|n| n.local_name() == Some("p")));
/// # Ok::<(), htmldict::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ParseOptions {
    pub(crate) dictionary: Arc<dyn NameDictionary>,
    pub(crate) collect_ids: bool,
    pub(crate) scripting: bool,
    pub(crate) keep_errors: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            dictionary: LruDictionary::shared_default(),
            collect_ids: true,
            scripting: true,
            keep_errors: false,
        }
    }
}

impl ParseOptions {
    /// The defaults: see each setter.
    pub fn new() -> Self {
        Self::default()
    }

    /// The dictionary that names go through when html5ever cannot hold them
    /// without allocating (neither in its static set nor 7 bytes or less).
    ///
    /// Default: [`LruDictionary::shared_default`], one process-wide LRU
    /// dictionary of 4,096 names, so that a crawl's memory is bounded however
    /// many names it meets.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use htmldict::{GlobalDictionary, NameDictionary, ParseOptions, PerDocumentDictionary};
    /// let global = ParseOptions::new().dictionary(GlobalDictionary::shared());
    /// let per_document = ParseOptions::new().dictionary(Arc::new(PerDocumentDictionary::new()));
    /// assert_eq!(per_document.dictionary_ref().stats().lookups, 0);
    /// ```
    pub fn dictionary(mut self, dictionary: Arc<dyn NameDictionary>) -> Self {
        self.dictionary = dictionary;
        self
    }

    /// The dictionary these options use.
    pub fn dictionary_ref(&self) -> &Arc<dyn NameDictionary> {
        &self.dictionary
    }

    /// Whether documents build an index from `id` values to elements, for a
    /// fast [`get_element_by_id`](crate::Document::get_element_by_id).
    ///
    /// Default: `true` (as lxml). Off saves the index's memory; lookups then
    /// scan the tree and give the same answers.
    pub fn collect_ids(mut self, on: bool) -> Self {
        self.collect_ids = on;
        self
    }

    /// The HTML scripting flag: when on, `<noscript>` content is raw text, as
    /// in a browser with JavaScript; when off it is parsed as markup.
    ///
    /// Default: `true` (as html5ever and browsers).
    pub fn scripting(mut self, on: bool) -> Self {
        self.scripting = on;
        self
    }

    /// Whether to keep the parser's error messages in
    /// [`Document::errors`](crate::Document::errors).
    ///
    /// Default: `false` (real pages produce many, and they cost memory).
    pub fn keep_errors(mut self, on: bool) -> Self {
        self.keep_errors = on;
        self
    }
}
