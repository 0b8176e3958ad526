//! Seeded HTML tag soup: documents and fragments built from a grammar of the
//! pieces that exercise the hard corners of the HTML tree builder.
//!
//! Deterministic: the same seed gives the same input everywhere (drawn from
//! [`SplitMix64`], which the kept regression seeds depend on).
//!
//! Inputs come as lists of pieces (a tag, a run of text, a comment, ...)
//! whose concatenation is the input, so that a failing input can be shrunk
//! by removing pieces ([`shrink`]).
//!
//! What the grammar covers:
//!
//! * misnested formatting and the adoption agency (`<b><i></b></i>`, `<a>`
//!   in `<a>`, `<b><div></b>`, long runs of formatting elements, `<nobr>`);
//! * tables with stray text, `<tr>` and cells outside tables, `<p><table>`,
//!   forms and formatting inside tables (foster parenting);
//! * `<select>` with options, groups and the tags that break out of it;
//! * SVG (`<foreignObject>`, `<desc>`, `<title>`, camel-case names such as
//!   `clipPath` in any case, `viewBox`, `xlink:href`, `xml:lang`, `xmlns`)
//!   and MathML (`<mi>`, `<annotation-xml encoding="text/html">`,
//!   `<mglyph>`), with HTML breaking out of them and CDATA sections;
//! * `<template>`, nested and inside tables;
//! * character references: named with and without `;`, in text and in
//!   attribute values, numeric in range, out of range (`&#x110000;`),
//!   surrogates, C1 controls, NUL, unknown names (`&noti;`, `&notit;`);
//! * comments (`<!-->`, `<!--->`, `<!-- -- -->`, `--!>`, unclosed);
//! * bogus tokens (`</>`, `<?php ?>`, `<!DOCTYPE>` anywhere, `</br>`,
//!   `</p>`, `<!x>`, `< p>`, end tags with attributes);
//! * raw text, RCDATA and `<plaintext>` (`<script>` with its escape states,
//!   `<style>`, `<textarea>`, `<title>`, `<noscript>`, `<iframe>`, `<xmp>`,
//!   `<noembed>`, `<noframes>`);
//! * attributes: duplicated, upper case, without value, unquoted, Vue's
//!   `data-v-` and Angular's `_ngcontent-` names, very long names, odd
//!   characters in names;
//! * custom elements (`<app-cart-drawer>`) and names never seen before;
//! * `<frameset>`, and `<html>`, `<head>` and `<body>` opened again;
//! * NUL, CR, CRLF, control characters, noncharacters and random Unicode.

use crate::rng::SplitMix64;

/// Mixes a seed with a stream number, so that related streams differ.
pub fn mix(seed: u64, stream: u64) -> u64 {
    SplitMix64::new(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
}

const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h6",
    "header",
    "hgroup",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
];

const PHRASING: &[&str] = &[
    "abbr", "applet", "bdi", "button", "cite", "data", "dfn", "kbd", "label", "mark", "marquee",
    "object", "output", "q", "rb", "rp", "rt", "rtc", "ruby", "samp", "span", "sub", "sup", "time",
    "var", "video", "audio", "canvas", "picture", "slot", "math", "svg",
];

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

const TABLE_PARTS: &[&str] = &[
    "caption", "col", "colgroup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
];

const RAW_TEXT: &[&str] = &[
    "iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp",
];

const SVG_NAMES: &[&str] = &[
    "svg",
    "g",
    "path",
    "circle",
    "rect",
    "text",
    "tspan",
    "foreignObject",
    "foreignobject",
    "FOREIGNOBJECT",
    "desc",
    "title",
    "clipPath",
    "clippath",
    "CLIPPATH",
    "linearGradient",
    "lineargradient",
    "radialGradient",
    "feGaussianBlur",
    "fegaussianblur",
    "animateTransform",
    "textPath",
    "altGlyph",
    "use",
    "defs",
    "symbol",
    "mask",
    "marker",
    "stop",
    "font",
    "image",
    "script",
    "style",
];

const MATH_NAMES: &[&str] = &[
    "math",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "mrow",
    "mfrac",
    "msup",
    "mglyph",
    "malignmark",
    "annotation-xml",
    "semantics",
    "annotation",
    "mtable",
    "mtr",
    "mtd",
];

/// Names that reach a dictionary: longer than 7 bytes and not in html5ever's
/// static set (plus a few that are).
const CUSTOM: &[&str] = &[
    "app-cart-drawer",
    "app-root",
    "product-info",
    "cart-notification",
    "x-foo",
    "my-element",
    "ng-container",
    "router-outlet",
    "sl-button",
    "mat-form-field",
    "ion-content",
    "theme-switcher-toggle",
    "selectedcontent",
    "search",
    "menuitem",
    "isindex",
    "nextid",
    "acronym",
    "blink",
];

const ATTR_NAMES: &[&str] = &[
    "class",
    "id",
    "href",
    "src",
    "style",
    "title",
    "type",
    "name",
    "value",
    "lang",
    "dir",
    "hidden",
    "disabled",
    "selected",
    "checked",
    "color",
    "face",
    "size",
    "encoding",
    "ENCODING",
    "definitionURL",
    "definitionurl",
    "viewBox",
    "viewbox",
    "VIEWBOX",
    "preserveAspectRatio",
    "xlink:href",
    "xlink:title",
    "XLINK:HREF",
    "xml:lang",
    "xml:space",
    "xmlns",
    "xmlns:xlink",
    "xmlns:foo",
    "foo:bar",
    "CLASS",
    "Id",
    "onclick",
    "aria-label",
    "data-testid",
    "tabindex",
    "action",
    "method",
    "rel",
    "content",
    "charset",
    "http-equiv",
    "shadowrootmode",
    "is",
    "slot",
    "contenteditable",
];

const ENTITIES: &[&str] = &[
    "&amp;",
    "&amp",
    "&AMP",
    "&lt;",
    "&lt",
    "&gt;",
    "&quot;",
    "&nbsp;",
    "&nbsp",
    "&copy",
    "&copy=",
    "&not",
    "&noti;",
    "&notit;",
    "&notin;",
    "&notin",
    "&AElig",
    "&AElig;",
    "&Aacute",
    "&ThickSpace;",
    "&NotEqualTilde;",
    "&bne;",
    "&unknownentity;",
    "&xyz",
    "&;",
    "&",
    "& ",
    "&#",
    "&#;",
    "&#x;",
    "&#X41;",
    "&#65",
    "&#65;",
    "&#x41",
    "&#0;",
    "&#x0;",
    "&#9;",
    "&#13;",
    "&#128;",
    "&#x80;",
    "&#x9F;",
    "&#x81;",
    "&#xD800;",
    "&#xDFFF;",
    "&#xFDD0;",
    "&#xFFFE;",
    "&#x10FFFF;",
    "&#x110000;",
    "&#1114112;",
    "&#99999999999999999999;",
    "&#x1F600;",
    "&#128512;",
    "&#x0000000041;",
];

const COMMENTS: &[&str] = &[
    "<!---->",
    "<!-->",
    "<!--->",
    "<!-- -- -->",
    "<!-- x --!>",
    "<!--x--!-->",
    "<!--<!-->",
    "<!-- <!-- nested --> -->",
    "<!--a-->",
    "<!-- comment -->",
    "<!---x-->",
    "<!--x--->",
    "<!--\u{0}-->",
    "<!",
    "<!-",
    "<!->",
];

const BOGUS: &[&str] = &[
    "</>",
    "</ >",
    "</ x>",
    "<?php echo 1; ?>",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE html>",
    "<!DOCTYPE>",
    "<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">",
    "<!DOCTYPE html SYSTEM \"about:legacy-compat\">",
    "<!DOCTYPE foo bar baz>",
    "<!DOCTYPEhtml>",
    "<!doctype html public>",
    "</br>",
    "</br foo=bar>",
    "</p>",
    "</P>",
    "<!x>",
    "<!ELEMENT br EMPTY>",
    "<![CDATA[in html]]>",
    "< p>",
    "<3",
    "a < b > c",
    "<#>",
    "<a/b>",
    "<div/>",
    "<br/>",
    "<p/>",
    "</div foo=bar>",
    "</div/>",
    "</span\t\n>",
    "<div<div>",
    "<di\u{0}v>",
    "</\u{0}>",
    "<a b='c'd>",
    "<a b=\"c\"d>",
    "<a =b>",
    "<a \"b\"=c>",
    "<a b c=d e>",
    "<a b=>",
    "<a/ b>",
    "</html></body>",
    "</head>",
    "</body>",
    "</html>",
    "</table>",
    "</td>",
    "</tr>",
    "</caption>",
    "</template>",
    "</select>",
    "</svg>",
    "</math>",
    "</form>",
    "</li>",
    "</dd>",
    "</h1>",
    "</a>",
    "</frameset>",
    "</sarcasm>",
];

const SNIPPETS: &[&str] = &[
    "<b><i></b></i>",
    "<a href=1>x<a href=2>y</a>z",
    "<a><div><a>",
    "<p><table>",
    "<b><div></b>",
    "<b><p>x</b>y</p>",
    "<font><p>x</font>",
    "<i><b><u><s><em><strong><tt><code><big><small>x</i>",
    "<b><b><b><b><p>x",
    "<nobr><nobr>x",
    "<table><b><tr><td>x</b>y</table>",
    "<b><table><td></b><i></table>",
    "<a><table><a>",
    "<div><a><p></a></div>",
    "<table>stray<tr>text<td>cell</td>more</tr></table>",
    "<table><form><input type=hidden></form></table>",
    "<table><input type=hidden><input type=text></table>",
    "<tr><td>orphan cell",
    "<td>bare cell</td>",
    "<table><caption><table></table></caption></table>",
    "<table><colgroup><col span=2>x</colgroup></table>",
    "<table><tr><td><table><tr><td>inner</table></table>",
    "<table><template><tr><td>in template</template></table>",
    "<template><template><b>deep</template></template>",
    "<template><td>cell</td></template>",
    "<template><tr></template>",
    "<template><col></template>",
    "<template><html><body></template>",
    "<template><frame></template>",
    "<select><option>a<option>b<optgroup><option>c</select>",
    "<select><input></select>",
    "<select><select>",
    "<select><textarea>",
    "<select><table>",
    "<select><hr><option></select>",
    "<select><svg><circle/></svg></select>",
    "<table><select><tr>",
    "<svg><foreignObject><p>html in svg</p></foreignObject></svg>",
    "<svg><desc><b>x</b></desc><title><i>y</i></title></svg>",
    "<svg viewbox=\"0 0 1 1\"><clippath><path d=M0/></clippath></svg>",
    "<svg><a xlink:href=#x><text>t</text></a></svg>",
    "<svg><![CDATA[<b>cdata</b>]]></svg>",
    "<svg><p>breaks out",
    "<svg><font color=red>breaks out</font>",
    "<svg><font>stays</font>",
    "<svg><script>1<2</script>",
    "<svg><style>a{}</style>",
    "<svg><foreignObject><svg><foreignObject>deep</foreignObject></svg></foreignObject>",
    "<math><mi>x</mi><mo>+</mo><mn>1</mn></math>",
    "<math><annotation-xml encoding=\"text/html\"><div>html</div></annotation-xml></math>",
    "<math><annotation-xml encoding=\"application/xhtml+xml\"><p>x</p></annotation-xml></math>",
    "<math><annotation-xml><svg><foreignObject>x</foreignObject></svg></annotation-xml></math>",
    "<math><mi><mglyph/><malignmark/></mi></math>",
    "<math><mtext><table><tr><td>t</table></mtext></math>",
    "<math definitionURL=x><ms>s</ms></math>",
    "<frameset><frame><noframes>x</noframes></frameset>",
    "<frameset cols=50%><frameset><frame></frameset>",
    "<html lang=en>",
    "<html class=again>",
    "<body onload=x>",
    "<body class=again>",
    "<head><title>t</title></head>",
    "<script><!--<script>x</script>--></script>",
    "<script><!--<script>",
    "<script>a</script b>",
    "<script></SCRIPT>",
    "<style></style x>",
    "<textarea>\nleading newline</textarea>",
    "<pre>\nleading newline</pre>",
    "<listing>\n\nx</listing>",
    "<title><b>not bold</b></title>",
    "<noscript><p>maybe markup</p></noscript>",
    "<noscript><link rel=x><style>a{}</style></noscript>",
    "<head><noscript><p>x</noscript></head>",
    "<iframe><b>raw</b></iframe>",
    "<xmp><b>raw</b></xmp>",
    "<noembed>x</noembed>",
    "<image src=x>",
    "<isindex prompt=x>",
    "<button><button>",
    "<form><form>",
    "<li><li><ul><li>",
    "<dd><dt><dl><dd>",
    "<h1><h2>x</h1></h2>",
    "<ruby>a<rb>b<rt>c<rp>d<rtc>e</ruby>",
    "<p><hr></p>",
    "<p><li>",
    "<object><p>in object</object>",
    "<applet><b>x</applet>",
    "<marquee><i>x</marquee>",
    "<main><main>",
    "<dialog open><p>x</dialog>",
    "<input type=hidden><keygen>",
    "<menuitem>x</menuitem>",
    "<selectedcontent></selectedcontent>",
    "<div shadowrootmode=open>",
    "<template shadowrootmode=open><slot></slot></template>",
    "<table><tbody><tr><th>h<td>d</tbody><tfoot><tr><td>f</table>",
    "<caption>orphan caption",
    "<col>",
    "<colgroup>",
    "<tbody>",
    "<frame>",
    "<body><frameset>",
    "<p>x<frameset>",
    "\u{FEFF}",
    "\r\n",
    "\r",
    "\n\r",
    "\u{0}",
    "\u{0}\u{0}",
    "a\u{0}b",
];

const WORDS: &[&str] = &[
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "cart",
    "price",
    "héllo",
    "naïve",
    "日本語",
    "中文",
    "한국어",
    "Ελληνικά",
    "русский",
    "עברית",
    "العربية",
    "🙂",
    "👩‍👩‍👧",
    "e\u{301}",
    "x",
];

/// Random Unicode: a character from a range likely to be interesting.
fn random_char(rng: &mut SplitMix64) -> char {
    let ranges: &[(u32, u32)] = &[
        (0x01, 0x1F),
        (0x20, 0x7E),
        (0x7F, 0x9F),
        (0xA0, 0x24F),
        (0x300, 0x36F),
        (0x590, 0x6FF),
        (0x2000, 0x206F),
        (0x3000, 0x30FF),
        (0x4E00, 0x9FFF),
        (0xFDD0, 0xFDEF),
        (0xFE00, 0xFFFF),
        (0x1F300, 0x1F6FF),
        (0x1FFFE, 0x1FFFF),
        (0xE0000, 0xE007F),
        (0x10FFFE, 0x10FFFF),
    ];
    let &(lo, hi) = rng.pick(ranges);
    let c = lo + rng.below((hi - lo + 1) as usize) as u32;
    char::from_u32(c).unwrap_or('\u{FFFD}')
}

fn hex(rng: &mut SplitMix64, digits: usize) -> String {
    let value = rng.next_u64();
    format!("{value:016x}")[..digits].to_owned()
}

/// A name never seen before, of the kinds modern sites invent.
fn novel_name(rng: &mut SplitMix64) -> String {
    match rng.below(6) {
        0 => format!("data-v-{}", hex(rng, 8)),
        1 => format!("_ngcontent-{}-c{}", hex(rng, 3), rng.below(200)),
        2 => format!("_nghost-ng-c{}", rng.next_u64() % 10_000_000_000),
        3 => format!("x-{}", hex(rng, 10)),
        4 => format!("app-{}-{}", rng.pick(WORDS), hex(rng, 4)),
        _ => format!("data-{}", hex(rng, 12)),
    }
}

/// An element name: mostly known, sometimes custom or novel, in any case.
fn element_name(rng: &mut SplitMix64) -> String {
    let name = match rng.below(20) {
        0..=4 => rng.pick(FORMATTING).to_string(),
        5..=8 => rng.pick(BLOCKS).to_string(),
        9..=10 => rng.pick(PHRASING).to_string(),
        11 => rng.pick(VOID).to_string(),
        12..=13 => rng.pick(TABLE_PARTS).to_string(),
        14 => rng.pick(SVG_NAMES).to_string(),
        15 => rng.pick(MATH_NAMES).to_string(),
        16 => rng.pick(CUSTOM).to_string(),
        17 => novel_name(rng),
        18 => rng
            .pick(&["select", "option", "optgroup", "template", "hr"])
            .to_string(),
        _ => rng
            .pick(&["html", "head", "body", "frameset", "plaintext"])
            .to_string(),
    };
    if rng.one_in(10) {
        name.to_ascii_uppercase()
    } else {
        name
    }
}

/// An attribute value: quoted, unquoted or missing.
fn attr_value(rng: &mut SplitMix64) -> String {
    let text = match rng.below(8) {
        0 => String::new(),
        1 => rng.pick(ENTITIES).to_string(),
        2 => format!("?a=1{}b=2", rng.pick(ENTITIES)),
        3 => format!("{}", rng.next_u64() % 1000),
        4 => "text/html".to_owned(),
        5 => (0..rng.between(1, 6)).map(|_| random_char(rng)).collect(),
        6 => "0 0 10 10".to_owned(),
        _ => rng.pick(WORDS).to_string(),
    };
    match rng.below(6) {
        0 => String::new(),
        1 => {
            let unquoted: String = text
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '>' | '"' | '\'' | '<' | '=' | '`'))
                .collect();
            format!("={unquoted}")
        }
        2 => format!("='{}'", text.replace('\'', "")),
        _ => format!("=\"{}\"", text.replace('"', "")),
    }
}

/// A run of attributes for a start tag, each led by whitespace.
fn attrs(rng: &mut SplitMix64) -> String {
    let mut out = String::new();
    let count = match rng.below(4) {
        0 => 0,
        1 | 2 => rng.between(1, 3),
        _ => rng.between(1, 8),
    };
    let mut names: Vec<String> = Vec::new();
    for _ in 0..count {
        let name = match rng.below(14) {
            0..=6 => rng.pick(ATTR_NAMES).to_string(),
            7..=8 => novel_name(rng),
            9 if !names.is_empty() => rng.pick(&names).to_ascii_uppercase(),
            10 => format!("data-{}", "x".repeat(rng.between(50, 600))),
            11 => rng.pick(ATTR_NAMES).to_ascii_uppercase(),
            12 => rng
                .pick(&["a\"b", "a'b", "a<b", "=a", "a=", "\u{0}", "é", "a/b", "`x"])
                .to_string(),
            _ => format!("data-{}", rng.pick(WORDS)),
        };
        let sep = *rng.pick(&[" ", " ", " ", "\t", "\n", "  ", "/"]);
        out.push_str(sep);
        out.push_str(&name);
        out.push_str(&attr_value(rng));
        names.push(name);
    }
    out
}

fn start_tag(rng: &mut SplitMix64, name: &str) -> String {
    let end = *rng.pick(&[">", ">", ">", ">", ">", ">", "/>", " />", "\n>"]);
    format!("<{name}{}{end}", attrs(rng))
}

fn end_tag(rng: &mut SplitMix64, name: &str) -> String {
    if rng.one_in(20) {
        format!("</{name}{}>", attrs(rng))
    } else {
        format!("</{name}>")
    }
}

/// A run of text, with character references and odd characters mixed in.
fn text(rng: &mut SplitMix64) -> String {
    let mut out = String::new();
    for _ in 0..rng.between(1, 6) {
        match rng.below(12) {
            0..=4 => out.push_str(rng.pick::<&str>(WORDS)),
            5 => out.push_str(rng.pick::<&str>(ENTITIES)),
            6 => {
                for _ in 0..rng.between(1, 8) {
                    out.push(random_char(rng));
                }
            }
            7 => out
                .push_str(rng.pick::<&str>(&["\u{0}", "\r", "\r\n", "\n", "\t", "\u{C}", "\u{B}"])),
            8 => out.push_str(rng.pick::<&str>(&["<", ">", "&", "\"", "'", "=", "</", "<!", "<?"])),
            _ => out.push_str(rng.pick::<&str>(&[" ", "  ", "\n", " \t "])),
        }
    }
    out
}

/// Contents for a raw-text or RCDATA element, with near-miss end tags and
/// the script escape sequences.
fn raw_contents(rng: &mut SplitMix64, name: &str) -> String {
    let mut out = String::new();
    for _ in 0..rng.between(0, 4) {
        match rng.below(9) {
            0 => out.push_str("<!--"),
            1 => out.push_str("-->"),
            2 => out.push_str("<script>"),
            3 => out.push_str("</script"),
            4 => {
                out.push_str("</");
                out.push_str(&name[..name.len() - 1]);
                out.push('>');
            }
            5 => out.push_str(&format!("</{name}x>")),
            6 => out.push_str("<b>&amp;</b>"),
            _ => out.push_str(&text(rng)),
        }
    }
    out
}

/// One generator run: pieces pushed in order, up to a budget.
struct Gen {
    rng: SplitMix64,
    pieces: Vec<String>,
    budget: usize,
}

impl Gen {
    fn push(&mut self, piece: String) {
        if !piece.is_empty() {
            self.pieces.push(piece);
        }
    }

    /// Some content: pieces, with elements nested up to `depth` levels.
    fn content(&mut self, depth: usize) {
        let count = self.rng.between(1, 6);
        for _ in 0..count {
            if self.pieces.len() >= self.budget {
                return;
            }
            self.item(depth);
        }
    }

    fn element(&mut self, name: &str, depth: usize) {
        let open = start_tag(&mut self.rng, name);
        self.push(open);
        if depth > 0 && !self.rng.one_in(4) {
            self.content(depth - 1);
        }
        match self.rng.below(10) {
            0..=5 => {
                let close = end_tag(&mut self.rng, name);
                self.push(close);
            }
            6 => {
                // Closed by some other name: misnesting.
                let other = element_name(&mut self.rng);
                let close = end_tag(&mut self.rng, &other);
                self.push(close);
            }
            _ => {}
        }
    }

    fn item(&mut self, depth: usize) {
        let rng = &mut self.rng;
        match rng.below(40) {
            0..=5 => {
                let t = text(rng);
                self.push(t);
            }
            6..=13 => {
                let name = element_name(rng);
                self.element(&name, depth);
            }
            14..=16 => {
                let name = rng.pick(FORMATTING).to_string();
                self.element(&name, depth);
            }
            17..=19 => {
                let s = rng.pick(SNIPPETS).to_string();
                self.push(s);
            }
            20 => {
                let e = rng.pick(ENTITIES).to_string();
                self.push(e);
            }
            21 => {
                let c = rng.pick(COMMENTS).to_string();
                self.push(c);
            }
            22 => {
                let b = rng.pick(BOGUS).to_string();
                self.push(b);
            }
            23 => {
                // A raw-text or RCDATA element; sometimes left unclosed.
                let name = rng.pick(RAW_TEXT).to_string();
                let open = start_tag(rng, &name);
                let contents = raw_contents(rng, &name);
                let close = if rng.one_in(8) {
                    String::new()
                } else {
                    end_tag(rng, &name)
                };
                self.push(open);
                self.push(contents);
                self.push(close);
            }
            24..=26 => self.table(depth),
            27..=28 => self.foreign(depth),
            29 => {
                let open = start_tag(rng, "template");
                self.push(open);
                self.content(depth.saturating_sub(1));
                if !self.rng.one_in(4) {
                    self.push("</template>".to_owned());
                }
            }
            30 => {
                let open = start_tag(rng, "select");
                self.push(open);
                for _ in 0..self.rng.between(0, 4) {
                    let name = self
                        .rng
                        .pick(&["option", "optgroup", "hr", "option"])
                        .to_string();
                    let tag = start_tag(&mut self.rng, &name);
                    self.push(tag);
                    let t = text(&mut self.rng);
                    self.push(t);
                }
                if self.rng.one_in(3) {
                    self.item(depth.saturating_sub(1));
                }
                if !self.rng.one_in(3) {
                    self.push("</select>".to_owned());
                }
            }
            31 => {
                // Adoption agency: formatting elements around blocks, closed
                // out of order.
                let formatting: Vec<String> = (0..rng.between(1, 10))
                    .map(|_| rng.pick(FORMATTING).to_string())
                    .collect();
                for name in &formatting {
                    let open = start_tag(&mut self.rng, name);
                    self.push(open);
                }
                let block = self
                    .rng
                    .pick(&["div", "p", "table", "li", "address"])
                    .to_string();
                self.element(&block, depth.saturating_sub(1));
                let t = text(&mut self.rng);
                self.push(t);
                for _ in 0..self.rng.between(1, formatting.len()) {
                    let name = self.rng.pick(&formatting).clone();
                    self.push(format!("</{name}>"));
                }
            }
            32 => {
                let name = rng.pick(CUSTOM).to_string();
                self.element(&name, depth);
            }
            33 => {
                let name = novel_name(rng);
                self.element(&name, depth);
            }
            34 => {
                let name = rng.pick(VOID).to_string();
                let tag = start_tag(rng, &name);
                self.push(tag);
            }
            35 => {
                let name = rng
                    .pick(&["html", "head", "body", "frameset", "frame"])
                    .to_string();
                let tag = start_tag(rng, &name);
                self.push(tag);
            }
            36 => {
                let name = element_name(rng);
                let tag = end_tag(rng, &name);
                self.push(tag);
            }
            37 => {
                let s: String = (0..rng.between(1, 4)).map(|_| random_char(rng)).collect();
                self.push(s);
            }
            38 if rng.one_in(4) => {
                // Rare: eats everything after it.
                let tail = if rng.one_in(2) {
                    "<plaintext>"
                } else {
                    *rng.pick(&[
                        "<!--",
                        "<![CDATA[",
                        "<script>",
                        "<style>",
                        "<title>",
                        "<div",
                    ])
                };
                self.push(tail.to_owned());
            }
            _ => {
                let name = rng.pick(BLOCKS).to_string();
                self.element(&name, depth);
            }
        }
    }

    fn table(&mut self, depth: usize) {
        let open = start_tag(&mut self.rng, "table");
        self.push(open);
        for _ in 0..self.rng.between(0, 5) {
            match self.rng.below(8) {
                0 => {
                    let t = text(&mut self.rng);
                    self.push(t);
                }
                1 => self.item(depth.saturating_sub(1)),
                2 => {
                    let name = self.rng.pick(&["caption", "colgroup", "col"]).to_string();
                    let tag = start_tag(&mut self.rng, &name);
                    self.push(tag);
                }
                3 => {
                    let name = self.rng.pick(&["tbody", "thead", "tfoot"]).to_string();
                    let tag = start_tag(&mut self.rng, &name);
                    self.push(tag);
                }
                _ => {
                    let tr = start_tag(&mut self.rng, "tr");
                    self.push(tr);
                    for _ in 0..self.rng.between(0, 3) {
                        let cell = self.rng.pick(&["td", "th"]).to_string();
                        let tag = start_tag(&mut self.rng, &cell);
                        self.push(tag);
                        if depth > 0 {
                            self.content(depth - 1);
                        }
                        if self.rng.one_in(2) {
                            self.push(format!("</{cell}>"));
                        }
                    }
                }
            }
        }
        if !self.rng.one_in(4) {
            self.push("</table>".to_owned());
        }
    }

    fn foreign(&mut self, depth: usize) {
        let (root, names) = if self.rng.one_in(2) {
            ("svg", SVG_NAMES)
        } else {
            ("math", MATH_NAMES)
        };
        let open = start_tag(&mut self.rng, root);
        self.push(open);
        for _ in 0..self.rng.between(0, 5) {
            match self.rng.below(6) {
                0 => {
                    let t = text(&mut self.rng);
                    self.push(t);
                }
                1 => self.item(depth.saturating_sub(1)),
                2 => self.push("<![CDATA[x<y]]>".to_owned()),
                _ => {
                    let name = self.rng.pick(names).to_string();
                    self.element(&name, depth.saturating_sub(1));
                }
            }
        }
        if !self.rng.one_in(3) {
            self.push(format!("</{root}>"));
        }
    }
}

/// A whole document: maybe a doctype, then soup, as pieces.
pub fn document(seed: u64) -> Vec<String> {
    let mut rng = SplitMix64::new(mix(seed, 1));
    let budget = match rng.below(10) {
        0 => rng.between(1, 8),
        1..=7 => rng.between(10, 80),
        _ => rng.between(80, 300),
    };
    let mut generator = Gen {
        rng,
        pieces: Vec::new(),
        budget,
    };
    if generator.rng.one_in(2) {
        let doctype = generator.rng.pick(&BOGUS[5..11]).to_string();
        generator.push(doctype);
    }
    while generator.pieces.len() < budget {
        let depth = generator.rng.between(1, 6);
        generator.item(depth);
    }
    generator.pieces
}

/// A document of at least `min_bytes`: several documents' pieces one after
/// the other, so that the input crosses the boundaries where a parser that
/// takes its input in chunks cuts it.
pub fn large_document(seed: u64, min_bytes: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut bytes = 0;
    let mut part = 0;
    while bytes < min_bytes {
        for piece in document(mix(seed, 3 + part)) {
            bytes += piece.len();
            pieces.push(piece);
        }
        part += 1;
    }
    pieces
}

/// Contexts a fragment can be parsed in, as `parse_fragment` names them.
pub const FRAGMENT_CONTEXTS: &[&str] = &[
    "body",
    "div",
    "p",
    "span",
    "a",
    "b",
    "li",
    "ul",
    "td",
    "th",
    "tr",
    "tbody",
    "thead",
    "table",
    "caption",
    "colgroup",
    "select",
    "option",
    "optgroup",
    "template",
    "html",
    "head",
    "frameset",
    "form",
    "button",
    "pre",
    "textarea",
    "title",
    "style",
    "script",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "app-cart-drawer",
    "svg svg",
    "svg g",
    "svg foreignObject",
    "svg desc",
    "svg title",
    "svg path",
    "math math",
    "math mi",
    "math mtext",
    "math annotation-xml",
];

/// A fragment: its context and its pieces.
pub fn fragment(seed: u64) -> (&'static str, Vec<String>) {
    let mut rng = SplitMix64::new(mix(seed, 2));
    let context = *rng.pick(FRAGMENT_CONTEXTS);
    let budget = rng.between(1, 60);
    let mut generator = Gen {
        rng,
        pieces: Vec::new(),
        budget,
    };
    while generator.pieces.len() < budget {
        let depth = generator.rng.between(1, 4);
        generator.item(depth);
    }
    (context, generator.pieces)
}

/// Shrinks a failing input: removes pieces while `fails` still holds, then
/// does the same with the tags and text runs of what is left, then with
/// single characters. `fails` must hold for `pieces` joined. At most
/// `budget` calls of `fails`.
pub fn shrink(pieces: &[String], budget: usize, mut fails: impl FnMut(&str) -> bool) -> String {
    let mut calls = 0;
    let mut attempt = |candidate: &[String]| -> bool {
        if calls >= budget {
            return false;
        }
        calls += 1;
        fails(&candidate.concat())
    };
    let pieces = remove_chunks(pieces.to_vec(), &mut attempt);
    let tokens = remove_chunks(tokens(&pieces.concat()), &mut attempt);
    let chars: Vec<String> = tokens.concat().chars().map(String::from).collect();
    remove_chunks(chars, &mut attempt).concat()
}

/// Removes runs of items, halving the run length whenever no run of the
/// current length can go, until single items have been tried.
fn remove_chunks(mut items: Vec<String>, fails: &mut impl FnMut(&[String]) -> bool) -> Vec<String> {
    let mut chunk = items.len().div_ceil(2).max(1);
    loop {
        let mut removed = false;
        let mut start = 0;
        while start < items.len() {
            let end = (start + chunk).min(items.len());
            let candidate: Vec<String> = items[..start]
                .iter()
                .chain(&items[end..])
                .cloned()
                .collect();
            if fails(&candidate) {
                items = candidate;
                removed = true;
            } else {
                start += chunk;
            }
        }
        if chunk == 1 && !removed {
            return items;
        }
        if !removed {
            chunk = chunk.div_ceil(2);
        }
    }
}

/// Splits markup into tags and the text between them.
fn tokens(input: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in input.chars() {
        if c == '<' && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
        if c == '>' {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}
