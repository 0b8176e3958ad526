//! Foreign content: what the HTML standard's tree construction does to SVG
//! and MathML names and attributes, and where foreign content lets HTML
//! back in.
//!
//! * "adjust SVG tag names" and "adjust SVG attributes" (13.2.6.5 and
//!   13.2.6.1's tables): the tokenizer lowercases every name, and SVG's
//!   camel-cased ones are given their case back;
//! * "adjust MathML attributes": `definitionurl` becomes `definitionURL`;
//! * "adjust foreign attributes": `xlink:`, `xml:` and `xmlns` attributes
//!   get their namespace and prefix;
//! * "MathML text integration point" and "HTML integration point"
//!   (13.2.6.1), where tokens are processed by the HTML rules again.

use super::Tag;
use html5ever::{LocalName, Prefix, QualName, local_name, ns};

use crate::dom::Namespace;

/// SVG element names the tokenizer lowercased, with their case restored
/// ("adjust SVG tag names"); `None` for the others.
pub(crate) fn svg_tag_name(lowercase: &str) -> Option<&'static str> {
    Some(match lowercase {
        "altglyph" => "altGlyph",
        "altglyphdef" => "altGlyphDef",
        "altglyphitem" => "altGlyphItem",
        "animatecolor" => "animateColor",
        "animatemotion" => "animateMotion",
        "animatetransform" => "animateTransform",
        "clippath" => "clipPath",
        "feblend" => "feBlend",
        "fecolormatrix" => "feColorMatrix",
        "fecomponenttransfer" => "feComponentTransfer",
        "fecomposite" => "feComposite",
        "feconvolvematrix" => "feConvolveMatrix",
        "fediffuselighting" => "feDiffuseLighting",
        "fedisplacementmap" => "feDisplacementMap",
        "fedistantlight" => "feDistantLight",
        "fedropshadow" => "feDropShadow",
        "feflood" => "feFlood",
        "fefunca" => "feFuncA",
        "fefuncb" => "feFuncB",
        "fefuncg" => "feFuncG",
        "fefuncr" => "feFuncR",
        "fegaussianblur" => "feGaussianBlur",
        "feimage" => "feImage",
        "femerge" => "feMerge",
        "femergenode" => "feMergeNode",
        "femorphology" => "feMorphology",
        "feoffset" => "feOffset",
        "fepointlight" => "fePointLight",
        "fespecularlighting" => "feSpecularLighting",
        "fespotlight" => "feSpotLight",
        "fetile" => "feTile",
        "feturbulence" => "feTurbulence",
        "foreignobject" => "foreignObject",
        "glyphref" => "glyphRef",
        "lineargradient" => "linearGradient",
        "radialgradient" => "radialGradient",
        "textpath" => "textPath",
        _ => return None,
    })
}

/// SVG attribute names the tokenizer lowercased, with their case restored
/// ("adjust SVG attributes"); `None` for the others.
pub(crate) fn svg_attribute_name(lowercase: &str) -> Option<&'static str> {
    Some(match lowercase {
        "attributename" => "attributeName",
        "attributetype" => "attributeType",
        "basefrequency" => "baseFrequency",
        "baseprofile" => "baseProfile",
        "calcmode" => "calcMode",
        "clippathunits" => "clipPathUnits",
        "diffuseconstant" => "diffuseConstant",
        "edgemode" => "edgeMode",
        "filterunits" => "filterUnits",
        "glyphref" => "glyphRef",
        "gradienttransform" => "gradientTransform",
        "gradientunits" => "gradientUnits",
        "kernelmatrix" => "kernelMatrix",
        "kernelunitlength" => "kernelUnitLength",
        "keypoints" => "keyPoints",
        "keysplines" => "keySplines",
        "keytimes" => "keyTimes",
        "lengthadjust" => "lengthAdjust",
        "limitingconeangle" => "limitingConeAngle",
        "markerheight" => "markerHeight",
        "markerunits" => "markerUnits",
        "markerwidth" => "markerWidth",
        "maskcontentunits" => "maskContentUnits",
        "maskunits" => "maskUnits",
        "numoctaves" => "numOctaves",
        "pathlength" => "pathLength",
        "patterncontentunits" => "patternContentUnits",
        "patterntransform" => "patternTransform",
        "patternunits" => "patternUnits",
        "pointsatx" => "pointsAtX",
        "pointsaty" => "pointsAtY",
        "pointsatz" => "pointsAtZ",
        "preservealpha" => "preserveAlpha",
        "preserveaspectratio" => "preserveAspectRatio",
        "primitiveunits" => "primitiveUnits",
        "refx" => "refX",
        "refy" => "refY",
        "repeatcount" => "repeatCount",
        "repeatdur" => "repeatDur",
        "requiredextensions" => "requiredExtensions",
        "requiredfeatures" => "requiredFeatures",
        "specularconstant" => "specularConstant",
        "specularexponent" => "specularExponent",
        "spreadmethod" => "spreadMethod",
        "startoffset" => "startOffset",
        "stddeviation" => "stdDeviation",
        "stitchtiles" => "stitchTiles",
        "surfacescale" => "surfaceScale",
        "systemlanguage" => "systemLanguage",
        "tablevalues" => "tableValues",
        "targetx" => "targetX",
        "targety" => "targetY",
        "textlength" => "textLength",
        "viewbox" => "viewBox",
        "viewtarget" => "viewTarget",
        "xchannelselector" => "xChannelSelector",
        "ychannelselector" => "yChannelSelector",
        "zoomandpan" => "zoomAndPan",
        _ => return None,
    })
}

/// MathML's one adjusted attribute ("adjust MathML attributes").
pub(crate) fn mathml_attribute_name(lowercase: &str) -> Option<&'static str> {
    (lowercase == "definitionurl").then_some("definitionURL")
}

/// An attribute "adjust foreign attributes" gives a namespace: its
/// prefix, if any, its local name and its namespace.
pub(crate) fn foreign_attribute(
    lowercase: &str,
) -> Option<(Option<&'static str>, &'static str, Namespace)> {
    Some(match lowercase {
        "xlink:actuate" => (Some("xlink"), "actuate", Namespace::XLink),
        "xlink:arcrole" => (Some("xlink"), "arcrole", Namespace::XLink),
        "xlink:href" => (Some("xlink"), "href", Namespace::XLink),
        "xlink:role" => (Some("xlink"), "role", Namespace::XLink),
        "xlink:show" => (Some("xlink"), "show", Namespace::XLink),
        "xlink:title" => (Some("xlink"), "title", Namespace::XLink),
        "xlink:type" => (Some("xlink"), "type", Namespace::XLink),
        "xml:lang" => (Some("xml"), "lang", Namespace::Xml),
        "xml:space" => (Some("xml"), "space", Namespace::Xml),
        "xmlns" => (None, "xmlns", Namespace::Xmlns),
        "xmlns:xlink" => (Some("xmlns"), "xlink", Namespace::Xmlns),
        _ => return None,
    })
}

/// Whether an element is a MathML text integration point: `mi`, `mo`,
/// `mn`, `ms` or `mtext` in the MathML namespace.
pub(crate) fn is_mathml_text_integration_point(ns: Namespace, name: &LocalName) -> bool {
    ns == Namespace::MathMl
        && matches!(
            *name,
            local_name!("mi")
                | local_name!("mo")
                | local_name!("mn")
                | local_name!("ms")
                | local_name!("mtext")
        )
}

/// Whether an element is an HTML integration point: MathML
/// `annotation-xml` whose start tag had an `encoding` of `text/html` or
/// `application/xhtml+xml` (ASCII case-insensitive; `annotation_encoding`
/// is that attribute's value), or SVG `foreignObject`, `desc` or `title`.
pub(crate) fn is_html_integration_point(
    ns: Namespace,
    name: &LocalName,
    annotation_encoding: Option<&str>,
) -> bool {
    match ns {
        Namespace::MathMl => {
            *name == local_name!("annotation-xml")
                && annotation_encoding.is_some_and(|encoding| {
                    encoding.eq_ignore_ascii_case("text/html")
                        || encoding.eq_ignore_ascii_case("application/xhtml+xml")
                })
        }
        Namespace::Svg => matches!(
            *name,
            local_name!("foreignObject") | local_name!("desc") | local_name!("title")
        ),
        _ => false,
    }
}

/// The start tags that break out of foreign content (13.2.6.5: "A start
/// tag whose tag name is one of ..."; `font` only with a `color`, `face`
/// or `size` attribute, which the caller checks).
pub(crate) fn breaks_out_of_foreign_content(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("b")
            | local_name!("big")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("br")
            | local_name!("center")
            | local_name!("code")
            | local_name!("dd")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("em")
            | local_name!("embed")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("head")
            | local_name!("hr")
            | local_name!("i")
            | local_name!("img")
            | local_name!("li")
            | local_name!("listing")
            | local_name!("menu")
            | local_name!("meta")
            | local_name!("nobr")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("ruby")
            | local_name!("s")
            | local_name!("small")
            | local_name!("span")
            | local_name!("strong")
            | local_name!("strike")
            | local_name!("sub")
            | local_name!("sup")
            | local_name!("table")
            | local_name!("tt")
            | local_name!("u")
            | local_name!("ul")
            | local_name!("var")
    )
}

/// Adjusts the attributes of a start tag for an element in MathML ("adjust
/// MathML attributes", "adjust foreign attributes").
pub(crate) fn adjust_mathml_tag(tag: &mut Tag) {
    for attr in &mut tag.attrs {
        if let Some(name) = mathml_attribute_name(&attr.name.local) {
            attr.name.local = LocalName::from(name);
        }
    }
    adjust_foreign_attributes(tag)
}

/// Adjusts the attributes of a start tag for an element in SVG ("adjust SVG
/// attributes", "adjust foreign attributes"), and with `rename` its name
/// ("adjust SVG tag names").
pub(crate) fn adjust_svg_tag(tag: &mut Tag, rename: bool) {
    if rename && let Some(name) = svg_tag_name(&tag.name) {
        tag.name = LocalName::from(name);
    }
    for attr in &mut tag.attrs {
        if let Some(name) = svg_attribute_name(&attr.name.local) {
            attr.name.local = LocalName::from(name);
        }
    }
    adjust_foreign_attributes(tag)
}

/// "Adjust foreign attributes": `xlink:`, `xml:` and `xmlns` attributes
/// get their prefix and namespace.
fn adjust_foreign_attributes(tag: &mut Tag) {
    for attr in &mut tag.attrs {
        if attr.name.prefix.is_none()
            && attr.name.ns == ns!()
            && let Some((prefix, local, namespace)) = foreign_attribute(&attr.name.local)
        {
            attr.name = QualName::new(
                prefix.map(Prefix::from),
                namespace.to_atom(),
                LocalName::from(local),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_names_get_their_case_back() {
        assert_eq!(svg_tag_name("foreignobject"), Some("foreignObject"));
        assert_eq!(svg_tag_name("fedropshadow"), Some("feDropShadow"));
        assert_eq!(svg_tag_name("path"), None);
        assert_eq!(svg_attribute_name("viewbox"), Some("viewBox"));
        assert_eq!(svg_attribute_name("d"), None);
        assert_eq!(
            mathml_attribute_name("definitionurl"),
            Some("definitionURL")
        );
        // Every adjusted name is the lowercase one with some letters raised.
        for name in [
            "altglyph",
            "clippath",
            "fefunca",
            "textpath",
            "lineargradient",
        ] {
            let adjusted = svg_tag_name(name).unwrap();
            assert_eq!(adjusted.to_ascii_lowercase(), name);
        }
    }

    #[test]
    fn foreign_attributes_get_namespaces() {
        assert_eq!(
            foreign_attribute("xlink:href"),
            Some((Some("xlink"), "href", Namespace::XLink))
        );
        assert_eq!(
            foreign_attribute("xmlns"),
            Some((None, "xmlns", Namespace::Xmlns))
        );
        assert_eq!(foreign_attribute("xlink:nonsense"), None);
        assert_eq!(foreign_attribute("href"), None);
    }

    /// The tables, held to html5ever's tree builder (the oracle until this
    /// builder replaces it): every name they adjust comes out of the
    /// current parse path the same way.
    #[test]
    fn tables_agree_with_html5ever() {
        use crate::{ParseOptions, parse_html};
        let options = ParseOptions::new();
        let names: Vec<&str> = SVG_TAGS.to_vec();
        for name in names {
            let doc = parse_html(&format!("<svg><{name}>"), &options).unwrap();
            let found = doc
                .root()
                .descendants()
                .filter_map(|n| n.local_name())
                .any(|local| Some(local) == svg_tag_name(name));
            assert!(found, "{name}");
        }
        for name in SVG_ATTRIBUTES {
            let doc = parse_html(&format!("<svg {name}=1>"), &options).unwrap();
            let svg = doc
                .root()
                .descendants()
                .find(|n| n.local_name() == Some("svg"))
                .unwrap();
            let attr = svg.attrs().next().unwrap();
            assert_eq!(Some(attr.name), svg_attribute_name(name), "{name}");
        }
        for name in FOREIGN_ATTRIBUTES {
            let doc = parse_html(&format!("<svg {name}=1>"), &options).unwrap();
            let svg = doc
                .root()
                .descendants()
                .find(|n| n.local_name() == Some("svg"))
                .unwrap();
            let attr = svg.attrs().next().unwrap();
            let (prefix, local, ns) = foreign_attribute(name).unwrap();
            assert_eq!(
                (attr.prefix, attr.name, attr.namespace),
                (prefix, local, ns),
                "{name}"
            );
        }
    }

    const SVG_TAGS: [&str; 37] = [
        "altglyph",
        "altglyphdef",
        "altglyphitem",
        "animatecolor",
        "animatemotion",
        "animatetransform",
        "clippath",
        "feblend",
        "fecolormatrix",
        "fecomponenttransfer",
        "fecomposite",
        "feconvolvematrix",
        "fediffuselighting",
        "fedisplacementmap",
        "fedistantlight",
        "fedropshadow",
        "feflood",
        "fefunca",
        "fefuncb",
        "fefuncg",
        "fefuncr",
        "fegaussianblur",
        "feimage",
        "femerge",
        "femergenode",
        "femorphology",
        "feoffset",
        "fepointlight",
        "fespecularlighting",
        "fespotlight",
        "fetile",
        "feturbulence",
        "foreignobject",
        "glyphref",
        "lineargradient",
        "radialgradient",
        "textpath",
    ];

    const SVG_ATTRIBUTES: [&str; 58] = [
        "attributename",
        "attributetype",
        "basefrequency",
        "baseprofile",
        "calcmode",
        "clippathunits",
        "diffuseconstant",
        "edgemode",
        "filterunits",
        "glyphref",
        "gradienttransform",
        "gradientunits",
        "kernelmatrix",
        "kernelunitlength",
        "keypoints",
        "keysplines",
        "keytimes",
        "lengthadjust",
        "limitingconeangle",
        "markerheight",
        "markerunits",
        "markerwidth",
        "maskcontentunits",
        "maskunits",
        "numoctaves",
        "pathlength",
        "patterncontentunits",
        "patterntransform",
        "patternunits",
        "pointsatx",
        "pointsaty",
        "pointsatz",
        "preservealpha",
        "preserveaspectratio",
        "primitiveunits",
        "refx",
        "refy",
        "repeatcount",
        "repeatdur",
        "requiredextensions",
        "requiredfeatures",
        "specularconstant",
        "specularexponent",
        "spreadmethod",
        "startoffset",
        "stddeviation",
        "stitchtiles",
        "surfacescale",
        "systemlanguage",
        "tablevalues",
        "targetx",
        "targety",
        "textlength",
        "viewbox",
        "viewtarget",
        "xchannelselector",
        "ychannelselector",
        "zoomandpan",
    ];

    const FOREIGN_ATTRIBUTES: [&str; 11] = [
        "xlink:actuate",
        "xlink:arcrole",
        "xlink:href",
        "xlink:role",
        "xlink:show",
        "xlink:title",
        "xlink:type",
        "xml:lang",
        "xml:space",
        "xmlns",
        "xmlns:xlink",
    ];

    #[test]
    fn integration_points() {
        let annotation = LocalName::from("annotation-xml");
        assert!(is_html_integration_point(
            Namespace::MathMl,
            &annotation,
            Some("TEXT/html")
        ));
        assert!(!is_html_integration_point(
            Namespace::MathMl,
            &annotation,
            Some("text/xml")
        ));
        assert!(!is_html_integration_point(
            Namespace::MathMl,
            &annotation,
            None
        ));
        assert!(is_html_integration_point(
            Namespace::Svg,
            &LocalName::from("foreignObject"),
            None
        ));
        assert!(!is_html_integration_point(
            Namespace::Html,
            &LocalName::from("title"),
            None
        ));
        assert!(is_mathml_text_integration_point(
            Namespace::MathMl,
            &LocalName::from("mi")
        ));
        assert!(!is_mathml_text_integration_point(
            Namespace::Svg,
            &LocalName::from("mi")
        ));
        assert!(breaks_out_of_foreign_content(&LocalName::from("table")));
        assert!(!breaks_out_of_foreign_content(&LocalName::from("circle")));
    }
}
