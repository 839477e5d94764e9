//! The page's DOM: built once, then updated in place so focus and scroll survive a click.

use super::lang::Lang;
use crate::scenarios::{Program, PROGRAMS};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// Marks a gallery button; its value is the program's id.
pub const PROGRAM_ATTR: &str = "data-program";
/// Marks a control; its value names the action, e.g. [`SWITCH_LANGUAGE`].
pub const ACTION_ATTR: &str = "data-action";
pub const SWITCH_LANGUAGE: &str = "switch-language";

/// The elements that change after the page is built.
pub struct View {
    tagline: Element,
    switch: Element,
    gallery_heading: Element,
    /// Per program, in gallery order: its button and the button's title line.
    entries: Vec<(Element, Element)>,
    source_label: Element,
    source_file: Element,
    source_section: Element,
    code: Element,
}

impl View {
    /// Builds the page inside `root`, replacing what was there.
    pub fn build(document: &Document, root: &Element) -> Result<View, JsValue> {
        root.set_text_content(None);
        let el = |tag: &str, class: &str| -> Result<Element, JsValue> {
            let element = document.create_element(tag)?;
            if !class.is_empty() {
                element.set_class_name(class);
            }
            Ok(element)
        };

        let header = el("header", "top")?;
        let title = el("h1", "")?;
        let name = el("span", "name")?;
        name.set_text_content(Some("ioplay"));
        let tagline = el("span", "tagline")?;
        title.append_with_node_2(&name, &tagline)?;
        let switch = el("button", "lang-switch")?;
        switch.set_attribute("type", "button")?;
        switch.set_attribute(ACTION_ATTR, SWITCH_LANGUAGE)?;
        header.append_with_node_2(&title, &switch)?;

        let gallery = el("nav", "gallery")?;
        let gallery_heading = el("h2", "")?;
        gallery_heading.set_id("gallery-heading");
        gallery.set_attribute("aria-labelledby", "gallery-heading")?;
        let list = el("ul", "")?;
        let mut entries = Vec::with_capacity(PROGRAMS.len());
        for program in PROGRAMS {
            let item = el("li", "")?;
            let button = el("button", "program")?;
            button.set_attribute("type", "button")?;
            button.set_attribute(PROGRAM_ATTR, program.id)?;
            button.set_attribute("aria-pressed", "false")?;
            let file = el("span", "file")?;
            file.set_text_content(Some(&program.file_name()));
            let entry_title = el("span", "title")?;
            button.append_with_node_2(&entry_title, &file)?;
            item.append_child(&button)?;
            list.append_child(&item)?;
            entries.push((button, entry_title));
        }
        gallery.append_with_node_2(&gallery_heading, &list)?;

        let source_section = el("section", "source")?;
        let source_heading = el("h2", "")?;
        // Announce which program is shown, not its whole source.
        source_heading.set_attribute("aria-live", "polite")?;
        let source_label = el("span", "")?;
        let source_file = el("code", "file")?;
        source_heading.append_with_node_2(&source_label, &source_file)?;
        let pre = el("pre", "")?;
        let code = el("code", "language-python")?;
        pre.append_child(&code)?;
        source_section.append_with_node_2(&source_heading, &pre)?;

        let main = el("div", "layout")?;
        main.append_with_node_2(&gallery, &source_section)?;
        root.append_with_node_2(&header, &main)?;
        Ok(View {
            tagline,
            switch,
            gallery_heading,
            entries,
            source_label,
            source_file,
            source_section,
            code,
        })
    }

    /// Shows the page in `lang` with `selected`'s source (or the hint to pick one).
    pub fn render(&self, document: &Document, lang: Lang, selected: Option<&Program>) -> Result<(), JsValue> {
        let text = lang.text();
        if let Some(html) = document.document_element() {
            html.set_attribute("lang", lang.tag())?;
        }
        document.set_title(&format!("ioplay — {}", text.tagline));
        self.tagline.set_text_content(Some(text.tagline));
        self.switch.set_text_content(Some(text.switch_label));
        self.switch.set_attribute("lang", lang.other().tag())?;
        self.switch.set_attribute("title", text.switch_title)?;
        self.gallery_heading.set_text_content(Some(text.gallery_heading));
        for (program, (button, title)) in PROGRAMS.iter().zip(&self.entries) {
            title.set_text_content(Some(title_in(program, lang)));
            let pressed = selected.is_some_and(|s| s.id == program.id);
            button.set_attribute("aria-pressed", if pressed { "true" } else { "false" })?;
        }
        match selected {
            Some(program) => {
                self.source_label.set_text_content(Some(text.source_label));
                self.source_file.set_text_content(Some(&program.file_name()));
                self.code.set_text_content(Some(program.source));
                self.source_section.set_class_name("source");
            }
            None => {
                self.source_label.set_text_content(Some(text.pick_hint));
                self.source_file.set_text_content(None);
                self.code.set_text_content(None);
                self.source_section.set_class_name("source empty");
            }
        }
        Ok(())
    }
}

fn title_in(program: &Program, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => program.title_zh,
        Lang::En => program.title_en,
    }
}
