//! The page's two languages and every UI string in them.

/// The language the page speaks: 中文 or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The language for a BCP 47 tag such as `navigator.language`: any Chinese is `Zh`, anything else `En`.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// A `?lang=zh` or `?lang=en` in a URL's query string, if present: it overrides the browser's language.
    pub fn from_query(search: &str) -> Option<Lang> {
        search.trim_start_matches('?').split('&').find_map(|pair| match pair.split_once('=') {
            Some(("lang", value)) => Some(Lang::from_tag(value)),
            _ => None,
        })
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The value for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The strings of the page in this language.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// The page's fixed strings, one set per language.
pub struct Text {
    pub tagline: &'static str,
    pub gallery_heading: &'static str,
    pub pick_hint: &'static str,
    /// The switch's label names the language it switches *to*, in that language.
    pub switch_label: &'static str,
    pub switch_title: &'static str,
    pub source_label: &'static str,
}

const ZH: Text = Text {
    tagline: "看 Python 并发如何与内核相遇",
    gallery_heading: "课程中的程序",
    pick_hint: "选择左边的一个程序,查看它的源代码。",
    switch_label: "English",
    switch_title: "Switch to English",
    source_label: "源代码",
};

const EN: Text = Text {
    tagline: "watch Python concurrency meet the kernel",
    gallery_heading: "The lesson's programs",
    pick_hint: "Pick a program to read its source.",
    switch_label: "中文",
    switch_title: "切换到中文",
    source_label: "Source",
};
