//! The document-local name table: each distinct (namespace, prefix, local
//! name) a document uses is stored once, and nodes refer to it by index.

use std::sync::Arc;

use markup5ever::{LocalName, Prefix, QualName, local_name, namespace_prefix, ns};

/// The namespaces the HTML parser puts elements and attributes in.
///
/// ```
/// use htmldict::{Namespace, ParseOptions, parse_html};
/// let doc = parse_html("<svg><circle/></svg>", &ParseOptions::new())?;
/// let circle = doc.root().descendants().find(|n| n.local_name() == Some("circle")).unwrap();
/// assert_eq!(circle.namespace(), Some(Namespace::Svg));
/// assert_eq!(Namespace::Svg.url(), "http://www.w3.org/2000/svg");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// No namespace (ordinary attributes).
    None,
    /// `http://www.w3.org/1999/xhtml`
    Html,
    /// `http://www.w3.org/2000/svg`
    Svg,
    /// `http://www.w3.org/1998/Math/MathML`
    MathMl,
    /// `http://www.w3.org/1999/xlink`
    XLink,
    /// `http://www.w3.org/XML/1998/namespace`
    Xml,
    /// `http://www.w3.org/2000/xmlns/`
    Xmlns,
}

impl Namespace {
    /// The namespace URL (empty for [`Namespace::None`]).
    ///
    /// ```
    /// use htmldict::{Namespace, ParseOptions, parse_html};
    /// let doc = parse_html("<p id=p>", &ParseOptions::new())?;
    /// let p = doc.get_element_by_id("p").unwrap();
    /// assert_eq!(p.namespace().unwrap().url(), "http://www.w3.org/1999/xhtml");
    /// assert_eq!(Namespace::None.url(), "");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn url(self) -> &'static str {
        match self {
            Namespace::None => "",
            Namespace::Html => "http://www.w3.org/1999/xhtml",
            Namespace::Svg => "http://www.w3.org/2000/svg",
            Namespace::MathMl => "http://www.w3.org/1998/Math/MathML",
            Namespace::XLink => "http://www.w3.org/1999/xlink",
            Namespace::Xml => "http://www.w3.org/XML/1998/namespace",
            Namespace::Xmlns => "http://www.w3.org/2000/xmlns/",
        }
    }

    /// The html5ever atom for this namespace.
    pub(crate) fn to_atom(self) -> markup5ever::Namespace {
        match self {
            Namespace::None => ns!(),
            Namespace::Html => ns!(html),
            Namespace::Svg => ns!(svg),
            Namespace::MathMl => ns!(mathml),
            Namespace::XLink => ns!(xlink),
            Namespace::Xml => ns!(xml),
            Namespace::Xmlns => ns!(xmlns),
        }
    }

    /// The namespace of an html5ever atom. The HTML parser only ever produces
    /// the seven above; anything else (impossible from the parser) is `None`.
    pub(crate) fn from_atom(atom: &markup5ever::Namespace) -> Namespace {
        match *atom {
            ns!(html) => Namespace::Html,
            ns!(svg) => Namespace::Svg,
            ns!(mathml) => Namespace::MathMl,
            ns!(xlink) => Namespace::XLink,
            ns!(xml) => Namespace::Xml,
            ns!(xmlns) => Namespace::Xmlns,
            _ => Namespace::None,
        }
    }
}

/// The prefixes the HTML parser gives foreign attributes (`xlink:href`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NamePrefix {
    XLink,
    Xml,
    Xmlns,
}

impl NamePrefix {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            NamePrefix::XLink => "xlink",
            NamePrefix::Xml => "xml",
            NamePrefix::Xmlns => "xmlns",
        }
    }

    fn from_atom(prefix: &Prefix) -> Option<NamePrefix> {
        match *prefix {
            namespace_prefix!("xlink") => Some(NamePrefix::XLink),
            namespace_prefix!("xml") => Some(NamePrefix::Xml),
            namespace_prefix!("xmlns") => Some(NamePrefix::Xmlns),
            _ => None,
        }
    }

    fn to_atom(self) -> Prefix {
        match self {
            NamePrefix::XLink => namespace_prefix!("xlink"),
            NamePrefix::Xml => namespace_prefix!("xml"),
            NamePrefix::Xmlns => namespace_prefix!("xmlns"),
        }
    }
}

/// Longest name string_cache packs into the atom itself (no heap).
const INLINE_MAX: usize = 7;

/// True for the names html5ever holds without any allocation: any name
/// short enough to be packed inline in the atom, and those in its static
/// set. Only other names go through a dictionary.
fn is_allocation_free(local: &str) -> bool {
    local.len() <= INLINE_MAX || LocalName::try_static(local).is_some()
}

/// Where a local name's text lives.
#[derive(Debug)]
pub(crate) enum LocalText {
    /// A static or inline atom: no heap at all.
    Atom(LocalName),
    /// Any other name, as handed out by the dictionary.
    Interned(Arc<str>),
}

/// One distinct name used by a document.
#[derive(Debug)]
pub(crate) struct NameEntry {
    pub(crate) local: LocalText,
    pub(crate) ns: Namespace,
    pub(crate) prefix: Option<NamePrefix>,
    /// Whether the document hands this entry's string back to the dictionary
    /// when dropped: true for the one entry per string that asked for it.
    pub(crate) releases: bool,
}

impl NameEntry {
    /// Builds an entry for `name`, asking `intern` for the text of names that
    /// html5ever would have to allocate.
    pub(crate) fn new(name: &QualName, intern: impl FnOnce(&str) -> Arc<str>) -> NameEntry {
        // Asked once per distinct name per document: the static set's hash
        // here costs little.
        let local = if is_allocation_free(&name.local) {
            LocalText::Atom(name.local.clone())
        } else {
            LocalText::Interned(intern(&name.local))
        };
        NameEntry {
            local,
            ns: Namespace::from_atom(&name.ns),
            prefix: name.prefix.as_ref().and_then(NamePrefix::from_atom),
            releases: false,
        }
    }

    pub(crate) fn local(&self) -> &str {
        match &self.local {
            LocalText::Atom(atom) => atom,
            LocalText::Interned(text) => text,
        }
    }

    /// The html5ever name, for the serializer. Interned names become atoms
    /// again only for as long as the caller keeps the result.
    pub(crate) fn to_qual_name(&self) -> QualName {
        let local = match &self.local {
            LocalText::Atom(atom) => atom.clone(),
            LocalText::Interned(text) => LocalName::from(&**text),
        };
        QualName::new(
            self.prefix.map(NamePrefix::to_atom),
            self.ns.to_atom(),
            local,
        )
    }

    /// The local name as an html5ever atom, for names held as one (static
    /// or inline atoms); `None` for names from the dictionary. Two names are
    /// equal exactly when both have atoms that are equal, or both have none
    /// and equal text: html5ever makes the same kind of atom for the same
    /// text every time.
    pub(crate) fn atom(&self) -> Option<&LocalName> {
        match &self.local {
            LocalText::Atom(atom) => Some(atom),
            LocalText::Interned(_) => None,
        }
    }

    /// True for the `id` attribute name (no namespace).
    pub(crate) fn is_id_attribute(&self) -> bool {
        self.ns == Namespace::None
            && matches!(&self.local, LocalText::Atom(atom) if *atom == local_name!("id"))
    }

    /// The dictionary's string, for names that came from one.
    pub(crate) fn interned(&self) -> Option<&Arc<str>> {
        match &self.local {
            LocalText::Interned(text) => Some(text),
            LocalText::Atom(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names that reach the dictionary are exactly those html5ever
    /// would allocate: neither inline (7 bytes or less) nor static.
    #[test]
    fn only_names_html5ever_would_allocate_reach_the_dictionary() {
        let asked = |name: &str| {
            let mut asked = false;
            let qual = QualName::new(None, ns!(html), LocalName::from(name));
            let entry = NameEntry::new(&qual, |text| {
                asked = true;
                Arc::from(text)
            });
            assert_eq!(entry.local(), name);
            asked
        };
        for name in [
            "div",
            "html",
            "id",
            "foo",
            "x-abcde",
            "noscript",
            "annotation-xml",
            "viewBox",
        ] {
            assert!(!asked(name), "{name}");
        }
        for name in ["app-cart-drawer", "data-v-7ba5bd90", "_ngcontent-c12"] {
            assert!(asked(name), "{name}");
        }
    }
}
