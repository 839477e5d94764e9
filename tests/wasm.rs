//! The web layer in a real browser: headless Chromium through wasm-bindgen-test
//! (`cargo xtask test`, stage "wasm tests"). On the host this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use ioplay::scenarios::PROGRAMS;
use ioplay::web::{App, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh, attached mount point, so each test starts from an empty page region.
fn fresh_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap()).collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

fn click(element: &Element) {
    element.clone().dyn_into::<HtmlElement>().unwrap().click();
}

#[wasm_bindgen_test]
fn the_gallery_lists_every_program_as_a_button_with_its_title() {
    let root = fresh_root();
    let _app = App::mount(&root, Lang::En).unwrap();
    let buttons = all(&root, "nav button[data-program]");
    assert_eq!(buttons.len(), PROGRAMS.len());
    for (button, program) in buttons.iter().zip(PROGRAMS) {
        assert_eq!(button.get_attribute("data-program").as_deref(), Some(program.id));
        assert_eq!(button.get_attribute("aria-pressed").as_deref(), Some("false"));
        assert_eq!(one(button, ".title").text_content().as_deref(), Some(program.title_en));
    }
    assert_eq!(one(&root, "pre code").text_content().as_deref(), Some(""));
}

#[wasm_bindgen_test]
fn clicking_a_program_shows_its_source_verbatim() {
    let root = fresh_root();
    let app = App::mount(&root, Lang::En).unwrap();
    for program in PROGRAMS {
        click(&one(&root, &format!("button[data-program='{}']", program.id)));
        assert_eq!(app.selected(), Some(program.id));
        assert_eq!(one(&root, "pre code").text_content().as_deref(), Some(program.source));
        let pressed: Vec<_> = all(&root, "button[aria-pressed='true']");
        assert_eq!(pressed.len(), 1);
        assert_eq!(pressed[0].get_attribute("data-program").as_deref(), Some(program.id));
    }
}

#[wasm_bindgen_test]
fn the_switch_changes_language_and_keeps_the_selection() {
    let root = fresh_root();
    let app = App::mount(&root, Lang::En).unwrap();
    click(&one(&root, "button[data-program='02_greenlet_switch']"));
    let switch = one(&root, "button[data-action='switch-language']");
    assert_eq!(switch.text_content().as_deref(), Some("中文"));
    click(&switch);
    assert_eq!(app.lang(), Lang::Zh);
    assert_eq!(app.selected(), Some("02_greenlet_switch"));
    let document = web_sys::window().unwrap().document().unwrap();
    assert_eq!(document.document_element().unwrap().get_attribute("lang").as_deref(), Some("zh-CN"));
    let titles: Vec<_> = all(&root, "nav .title").iter().map(|t| t.text_content().unwrap()).collect();
    let expected: Vec<_> = PROGRAMS.iter().map(|p| p.title_zh.to_string()).collect();
    assert_eq!(titles, expected);
    click(&one(&root, "button[data-action='switch-language']"));
    assert_eq!(app.lang(), Lang::En);
}

#[wasm_bindgen_test]
fn a_dropped_app_stops_listening() {
    let root = fresh_root();
    drop(App::mount(&root, Lang::En).unwrap());
    click(&one(&root, "button[data-program='01_yield_producer_consumer']"));
    assert_eq!(one(&root, "pre code").text_content().as_deref(), Some(""));
}

#[wasm_bindgen_test]
fn language_comes_from_the_browser_tag_or_the_query() {
    assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
    assert_eq!(Lang::from_tag("zh_TW"), Lang::Zh);
    assert_eq!(Lang::from_tag("ZH"), Lang::Zh);
    assert_eq!(Lang::from_tag("en-US"), Lang::En);
    assert_eq!(Lang::from_tag("zu"), Lang::En);
    assert_eq!(Lang::from_tag(""), Lang::En);
    assert_eq!(Lang::from_query("?lang=zh"), Some(Lang::Zh));
    assert_eq!(Lang::from_query("?x=1&lang=en"), Some(Lang::En));
    assert_eq!(Lang::from_query("?language=zh"), None);
    assert_eq!(Lang::from_query(""), None);
}

#[path = "lessons/mod.rs"]
mod lessons;

/// design.md: "same input, same trace, byte for byte, on native and on wasm". The lesson's scenarios run
/// here on the wasm build of the world (VM, kernel, wire) and must give the hashes the native test pins.
#[wasm_bindgen_test]
fn every_lesson_scenario_gives_the_native_trace_hash_in_the_browser() {
    for (name, pinned) in lessons::TRACE_HASHES {
        let mut run = lessons::timeline(name);
        run.seek(u64::MAX);
        let seen = ioplay::trace::trace_hash(run.events());
        assert_eq!(seen, *pinned, "{name}: {seen:#018x} in the browser, {pinned:#018x} natively");
    }
}

/// In wasm the parser has no thread to move a deep parse to: CPython's 200 nested brackets must fit the
/// main stack (`.cargo/config.toml` gives it 8 MiB).
#[wasm_bindgen_test]
fn the_parser_takes_cpythons_200_nested_brackets_in_the_browser() {
    let source = format!("x = {}1{}\n", "(".repeat(199), ")".repeat(199));
    assert!(ioplay::py::parser::parse(&source, "deep.py").is_ok());
    let too_deep = format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201));
    let error = ioplay::py::parser::parse(&too_deep, "deep.py").unwrap_err();
    assert_eq!(error.msg, "too many nested parentheses");
}
