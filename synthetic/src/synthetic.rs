//! Generated pages for a simulated crawl: many sites built with modern
//! front-end frameworks, whose names keep changing as the sites redeploy.
//!
//! Everything here is deterministic: the same seed gives the same pages on
//! every machine ([`XorShift64Star`] does the choosing, seeded through
//! [`mix`]).
//!
//! The crawl is made of [`SITES`] sites. Each site is built with one of
//!
//! * Vue: every element of a component's template carries the component's
//!   scoped-style attribute `data-v-<8 hex>`, a new hash for every build;
//! * Angular: components are custom elements `<app-…>` (or a site prefix)
//!   carrying `_nghost-<app id>-c<n>`, and the elements of their templates
//!   `_ngcontent-<app id>-c<n>`; modern builds use the app id `ng` and a
//!   number that changes with every build;
//! * web components: custom elements of the site's own prefix, or of a
//!   storefront theme many sites share (`<cart-drawer>`, `<product-info>`);
//! * none: plain markup with a few `data-` attributes.
//!
//! Each site ships a new build every few thousand pages of the crawl (a
//! "redeploy"), and its popularity follows a skewed law: a few sites supply
//! a large share of the pages, as in a real crawl frontier. Pages are 5 to 20
//! KB (13 KB on average) and mostly ordinary markup (`div`, `a href`, `p`, `span`, `img`,
//! `class`), with `id` values unique to the page. One page in
//! [`CARRIED_ONE_IN`] is instead one of the real pages handed to
//! [`SyntheticCrawl::new`], when any are.

use std::fmt::Write as _;

use crate::rng::{XorShift64Star, mix};

/// Number of distinct sites in the crawl.
pub const SITES: u64 = 2_000;

/// One page in this many is a carried (real) page, when there are any.
pub const CARRIED_ONE_IN: u64 = 128;

/// Smallest target size of a generated page, in bytes. Each page draws its
/// target between this and [`MAX_PAGE_BYTES`] and stops adding sections when
/// it gets there, so it ends within a couple of KB of it.
pub const MIN_PAGE_BYTES: usize = 5_000;

/// Largest target size of a generated page, in bytes.
pub const MAX_PAGE_BYTES: usize = 20_000;

/// About what the footer and the end of a page take.
const FOOTER_BYTES: usize = 1_000;

/// A deterministic stream of pages: generated pages from [`SITES`] sites,
/// with real pages mixed in.
///
/// ```text
/// let mut crawl = SyntheticCrawl::new(42, carried_pages);
/// for i in 0..100_000 {
///     let html = crawl.page(i);
///     // parse, extract, drop
/// }
/// ```
pub struct SyntheticCrawl {
    seed: u64,
    carried: Vec<String>,
    /// Reused between calls: which components a page shows.
    scratch: Vec<u32>,
}

impl SyntheticCrawl {
    /// A crawl whose generated pages depend only on `seed`; `carried` are
    /// real pages, of which one is served in place of every
    /// [`CARRIED_ONE_IN`]-th page or so (none if `carried` is empty).
    pub fn new(seed: u64, carried: Vec<String>) -> Self {
        SyntheticCrawl {
            seed,
            carried,
            scratch: Vec::new(),
        }
    }

    /// Page number `i` of the crawl. The result depends only on the seed,
    /// the carried pages and `i`, so pages can be asked for in any order.
    pub fn page(&mut self, i: u64) -> String {
        let pick = mix(self.seed ^ 0xC0FF_EE00, i);
        if !self.carried.is_empty() && pick.is_multiple_of(CARRIED_ONE_IN) {
            let which = (pick / CARRIED_ONE_IN) % self.carried.len() as u64;
            return self.carried[which as usize].clone();
        }
        let mut rng = XorShift64Star::new(mix(self.seed, i));
        // Popularity: site = SITES * u^2 for a uniform u, so the first 1% of
        // the sites supply 10% of the pages and the first 10% supply 32%.
        let u = rng.unit();
        let site = ((SITES as f64) * u * u) as u64;
        let site = Site::new(self.seed, site.min(SITES - 1), i);
        let mut page = Page::new(rng, &site, i);
        page.write(&mut self.scratch);
        page.out
    }
}

/// A page whose framework names are all new: 16 Vue `data-v-` attributes, 8
/// Angular components (8 custom elements, 8 `_nghost-` and 8 `_ngcontent-`
/// attributes) and 8 custom elements of a site prefix, that is 48 names that
/// reach a dictionary, all different from those of any other seed below
/// 2^26. The rest is ordinary markup; the page is about 18 KB.
pub fn novel_page(seed: u64) -> String {
    let mut rng = XorShift64Star::new(mix(seed, 0x006E_6F76_656C));
    let mut out = String::with_capacity(20 * 1024);
    let page_id = seed;
    head(
        &mut out,
        &format!("Novel page {seed}"),
        &format!("{seed:x}"),
    );
    out.push_str("<body><main>");
    // Vue: 16 components, each hash a bijection of (seed, component).
    for component in 0..16u32 {
        let hash = permute32(((seed as u32) << 6) | component);
        let scope = format!(" data-v-{hash:08x}");
        section(&mut out, &mut rng, &scope, page_id, component, 1);
    }
    // Angular: 8 components of an app id that names the seed.
    for component in 0..8u32 {
        let tag = format!("app-{}-{seed:x}", WORDS[component as usize]);
        let host = format!(" _nghost-n{seed:x}-c{component}");
        let content = format!(" _ngcontent-n{seed:x}-c{component}");
        let _ = write!(out, "<{tag}{host}>");
        section(&mut out, &mut rng, &content, page_id, 16 + component, 1);
        let _ = write!(out, "</{tag}>");
    }
    // Web components: 8 elements of a prefix that names the seed.
    for component in 0..8u32 {
        let tag = format!("x{seed:x}-{}-card", WORDS[8 + component as usize]);
        let _ = write!(out, "<{tag}>");
        section(&mut out, &mut rng, "", page_id, 24 + component, 1);
        let _ = write!(out, "</{tag}>");
    }
    out.push_str("</main></body></html>\n");
    out
}

// ---------------------------------------------------------------------------
// Randomness

/// A bijection on 32-bit values, so distinct inputs give distinct hashes.
fn permute32(mut x: u32) -> u32 {
    x ^= x >> 15;
    x = x.wrapping_mul(0x2C1B_3C6D);
    x ^= x >> 12;
    x = x.wrapping_mul(0x297A_2D39);
    x ^ (x >> 15)
}

// ---------------------------------------------------------------------------
// Sites

#[derive(Clone, Copy, PartialEq)]
enum Framework {
    Vue,
    Angular,
    WebComponents,
    Plain,
}

/// What a site looks like at the moment page `i` is fetched.
struct Site {
    id: u64,
    /// The build the site serves now; it changes when the site redeploys.
    build: u64,
    framework: Framework,
    /// Components the site's build is made of.
    components: u32,
    /// Custom-element prefix: `app` (Angular's default), the site's own, or
    /// a shared storefront theme's (empty: theme names carry no prefix).
    prefix: String,
    /// Storefront theme whose custom elements the site uses, if any.
    theme: Option<usize>,
    /// Angular: `ng` for modern builds (component numbers change every
    /// build), else an app id of the site's choosing (component numbers
    /// stable).
    app_id: String,
    host: String,
}

impl Site {
    fn new(seed: u64, id: u64, i: u64) -> Site {
        let traits = mix(seed ^ 0x517E, id);
        let framework = match traits % 10 {
            0..=3 => Framework::Vue,
            4..=5 => Framework::Angular,
            6..=7 => Framework::WebComponents,
            _ => Framework::Plain,
        };
        // A site redeploys every 2,000 to 32,000 pages of the crawl, from a
        // phase of its own.
        let every = 2_000 + (traits >> 8) % 30_000;
        let phase = (traits >> 24) % every;
        let build = (i + phase) / every;
        let components = 20 + ((traits >> 40) % 60) as u32;
        let host = site_name(traits);
        let (prefix, theme) = match framework {
            Framework::Angular if !(traits >> 50).is_multiple_of(3) => ("app".to_owned(), None),
            Framework::WebComponents if (traits >> 50).is_multiple_of(2) => (
                String::new(),
                Some(((traits >> 52) % THEMES as u64) as usize),
            ),
            _ => (host.replace('-', ""), None),
        };
        let app_id = match (traits >> 56) % 4 {
            0 | 1 => "ng".to_owned(),
            2 => "serverapp".to_owned(),
            _ => host.clone(),
        };
        Site {
            id,
            build,
            framework,
            components,
            prefix,
            theme,
            app_id,
            host,
        }
    }

    /// The Vue scope hash of a component in the current build.
    fn vue_hash(&self, component: u32) -> u32 {
        mix(mix(self.id, self.build), component as u64) as u32
    }

    /// Angular's component number in the current build.
    fn angular_number(&self, component: u32) -> u64 {
        if self.app_id == "ng" {
            // Angular 16+: a hash of the component, new for every build.
            mix(mix(self.id ^ 0xA1, self.build), component as u64) % 10_000_000_000
        } else {
            // Older builds number components in registration order, which
            // shifts a little when components are added.
            component as u64 + self.build % 3
        }
    }

    /// A custom element name of this site.
    fn element(&self, component: u32) -> String {
        let words = component as usize;
        let first = WORDS[words % WORDS.len()];
        let second = WORDS[(words / WORDS.len() + words * 7 + 3) % WORDS.len()];
        match self.theme {
            Some(theme) => THEME_ELEMENTS[(theme * 5 + words) % THEME_ELEMENTS.len()].to_owned(),
            None if words < 12 => format!("{}-{first}", self.prefix),
            None => format!("{}-{first}-{second}", self.prefix),
        }
    }
}

/// A pronounceable host name, with a hyphen now and then.
fn site_name(traits: u64) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "lo", "mi", "ner", "ta", "vo", "shop", "zen", "bel", "dor", "fi", "gra", "hub", "ix",
        "jo", "lux", "max", "nu", "or", "pix", "qua", "ri", "sol", "tek", "ur", "vi", "wex", "yo",
        "zo", "net",
    ];
    let mut name = String::new();
    let mut bits = traits.rotate_left(17);
    let count = 2 + bits % 2;
    for k in 0..count {
        bits /= 4;
        if k == 2 && bits.is_multiple_of(3) {
            name.push('-');
        }
        name.push_str(SYLLABLES[(bits % SYLLABLES.len() as u64) as usize]);
        bits /= SYLLABLES.len() as u64;
    }
    name
}

/// Storefront themes shared by many web-component sites.
const THEMES: usize = 6;

const THEME_ELEMENTS: &[&str] = &[
    "cart-drawer",
    "cart-notification",
    "product-info",
    "product-recommendations",
    "media-gallery",
    "variant-selects",
    "quantity-input",
    "predictive-search",
    "header-drawer",
    "details-modal",
    "localization-form",
    "slider-component",
    "modal-opener",
    "price-per-item",
    "facet-filters-form",
    "sticky-header",
];

const WORDS: &[&str] = &[
    "header",
    "footer",
    "navbar",
    "product",
    "cart",
    "search",
    "banner",
    "carousel",
    "review",
    "rating",
    "newsletter",
    "sidebar",
    "article",
    "teaser",
    "gallery",
    "video",
    "player",
    "filter",
    "breadcrumb",
    "pagination",
    "modal",
    "drawer",
    "tabs",
    "accordion",
    "price",
    "badge",
    "avatar",
    "comment",
    "share",
    "related",
    "menu",
    "account",
];

const TEXT: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
    "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
    "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has", "there",
    "been", "if", "more", "when", "will", "would", "who", "so", "no", "market", "season", "city",
    "report", "design", "product", "people", "delivery", "support", "weather", "garden", "review",
    "system", "update", "price", "travel", "music", "health", "research", "summer", "policy",
    "customer", "quality",
];

const CLASSES: &[&str] = &[
    "container",
    "row",
    "col-md-6",
    "flex items-center justify-between",
    "text-sm text-gray-600",
    "btn btn-primary",
    "card",
    "card-body",
    "mt-4",
    "px-4 py-2",
    "grid grid-cols-3 gap-4",
    "hidden md:block",
    "link",
    "title",
    "meta",
    "lead",
];

// ---------------------------------------------------------------------------
// Page writing

/// Writes `<!DOCTYPE html>` through `</head>`.
fn head(out: &mut String, title: &str, build: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{title}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"description\" content=\"{title}\">\
         <link rel=\"stylesheet\" href=\"/assets/index-{build}.css\">\
         <script type=\"module\" crossorigin src=\"/assets/index-{build}.js\"></script>\
         </head>\n"
    );
}

/// Writes `words` words of text.
fn text(out: &mut String, rng: &mut XorShift64Star, words: usize) {
    for k in 0..words {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick::<&str>(TEXT));
    }
}

/// One content block: a heading, paragraphs with links, an image, a list.
/// `scope` is written into every element (a Vue or Angular style attribute).
fn section(
    out: &mut String,
    rng: &mut XorShift64Star,
    scope: &str,
    page: u64,
    n: u32,
    paragraphs: usize,
) {
    let class = *rng.pick(CLASSES);
    let _ = write!(
        out,
        "<section{scope} class=\"{class}\" id=\"s{page:x}-{n}\"><h2{scope} class=\"title\">"
    );
    text(out, rng, 4);
    out.push_str("</h2>");
    for p in 0..paragraphs {
        let _ = write!(out, "<p{scope}>");
        let words = rng.range(20, 60);
        text(out, rng, words / 2);
        let _ = write!(
            out,
            " <a{scope} href=\"/{}/{}-{page}\" class=\"link\">",
            *rng.pick(WORDS),
            *rng.pick(TEXT)
        );
        text(out, rng, 3);
        out.push_str("</a> ");
        text(out, rng, words - words / 2);
        out.push_str("</p>");
        if p == 0 && rng.below(2) == 0 {
            let w = 320 * rng.range(1, 4);
            let _ = write!(
                out,
                "<img{scope} src=\"/img/{page:x}-{n}.jpg\" srcset=\"/img/{page:x}-{n}-{w}.jpg {w}w\" \
                 alt=\"\" loading=\"lazy\" width=\"{w}\" height=\"{}\">",
                w * 2 / 3
            );
        }
    }
    if rng.below(3) == 0 {
        let _ = write!(out, "<ul{scope} class=\"meta\">");
        for _ in 0..rng.range(2, 5) {
            let _ = write!(out, "<li{scope}><span{scope} class=\"badge\">");
            text(out, rng, 2);
            out.push_str("</span></li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

/// A generated page of one site.
struct Page<'a> {
    rng: XorShift64Star,
    site: &'a Site,
    i: u64,
    out: String,
}

impl<'a> Page<'a> {
    fn new(rng: XorShift64Star, site: &'a Site, i: u64) -> Page<'a> {
        Page {
            rng,
            site,
            i,
            out: String::with_capacity(MAX_PAGE_BYTES + 4096),
        }
    }

    fn write(&mut self, shown: &mut Vec<u32>) {
        let site = self.site;
        let target = self.rng.range(MIN_PAGE_BYTES, MAX_PAGE_BYTES);
        let title = format!("{} | {}", site.host, *self.rng.pick(WORDS));
        let build = format!("{:08x}", mix(site.id, site.build) as u32);
        head(&mut self.out, &title, &build);
        match site.framework {
            Framework::Vue => self.out.push_str("<body><div id=\"app\" data-v-app=\"\">"),
            Framework::Angular => {
                let _ = write!(
                    self.out,
                    "<body><app-root _nghost-{}-c{} ng-version=\"17.3.{}\">",
                    site.app_id,
                    site.angular_number(0),
                    site.build % 12
                );
            }
            _ => self.out.push_str("<body><div class=\"page\">"),
        }
        // The layout (header, breadcrumb), content components until the page
        // is big enough, then the footer. One time in three a component is
        // repeated, as in a list of cards.
        shown.clear();
        for component in [0, 1] {
            self.component(component, shown.len() as u32);
            shown.push(component);
        }
        while self.out.len() + FOOTER_BYTES < target {
            let component = match shown.last() {
                Some(&last) if last >= 3 && self.rng.below(3) == 0 => last,
                _ => 3 + self.rng.below(site.components as usize - 3) as u32,
            };
            self.component(component, shown.len() as u32);
            shown.push(component);
        }
        self.component(2, shown.len() as u32);
        match site.framework {
            Framework::Angular => self.out.push_str("</app-root>"),
            _ => self.out.push_str("</div>"),
        }
        let _ = write!(
            self.out,
            "<script>window.__STATE__={{\"page\":{},\"build\":\"{build}\"}}</script></body></html>",
            self.i
        );
        self.out.push('\n');
    }

    /// One component instance; `k` numbers it within the page.
    fn component(&mut self, component: u32, k: u32) {
        let site = self.site;
        match site.framework {
            Framework::Vue => {
                let scope = format!(" data-v-{:08x}", site.vue_hash(component));
                self.body(component, k, &scope);
            }
            Framework::Angular => {
                let number = site.angular_number(component + 1);
                let tag = site.element(component);
                let _ = write!(self.out, "<{tag} _nghost-{}-c{number}>", site.app_id);
                let scope = format!(" _ngcontent-{}-c{number}", site.app_id);
                self.body(component, k, &scope);
                let _ = write!(self.out, "</{tag}>");
            }
            Framework::WebComponents => {
                let tag = site.element(component);
                let _ = write!(self.out, "<{tag}");
                if self.rng.below(2) == 0 {
                    let _ = write!(self.out, " data-section-id=\"{}-{k}\"", self.i);
                }
                self.out.push('>');
                self.body(component, k, "");
                let _ = write!(self.out, "</{tag}>");
            }
            Framework::Plain => {
                let scope = if self.rng.below(3) == 0 {
                    " data-testid=\"block\""
                } else {
                    ""
                };
                self.body(component, k, scope);
            }
        }
    }

    /// The markup inside a component: navigation for the layout components,
    /// content sections for the others.
    fn body(&mut self, component: u32, k: u32, scope: &str) {
        let (out, rng, i) = (&mut self.out, &mut self.rng, self.i);
        match component {
            0 => {
                let _ = write!(
                    out,
                    "<header{scope} class=\"site-header\"><a{scope} href=\"/\" class=\"logo\">{}</a><nav{scope} aria-label=\"Main\"><ul{scope}>",
                    self.site.host
                );
                for word in WORDS.iter().take(8) {
                    let _ = write!(
                        out,
                        "<li{scope}><a{scope} href=\"/{word}\" class=\"nav-link\">{word}</a></li>"
                    );
                }
                out.push_str("</ul></nav></header>");
            }
            1 => {
                let _ = write!(
                    out,
                    "<nav{scope} class=\"breadcrumb\"><a{scope} href=\"/\">Home</a> / <span{scope} id=\"crumb-{i:x}\">"
                );
                text(out, rng, 3);
                out.push_str("</span></nav>");
            }
            2 => {
                let _ = write!(
                    out,
                    "<footer{scope} class=\"site-footer\"><div{scope} class=\"row\">"
                );
                for column in 0..3 {
                    let _ = write!(out, "<div{scope} class=\"col\"><h4{scope}>");
                    text(out, rng, 2);
                    out.push_str("</h4>");
                    for link in 0..4 {
                        let _ = write!(
                            out,
                            "<a{scope} href=\"/{}/{column}{link}\">",
                            WORDS[(column * 4 + link) % WORDS.len()]
                        );
                        text(out, rng, 2);
                        out.push_str("</a> ");
                    }
                    out.push_str("</div>");
                }
                out.push_str("</div><p>&copy; 2024</p></footer>");
            }
            _ => {
                let paragraphs = rng.range(1, 3);
                section(out, rng, scope, i, k, paragraphs);
            }
        }
    }
}
