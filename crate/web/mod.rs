//! The wasm UI: the only module that touches `wasm_bindgen`, `web_sys` and `js_sys`.
//!
//! Thin on purpose (ruffle's habit): an [`App`] handle owns the UI state and the core's data, and the
//! DOM only shows it. One delegated click listener on the root turns clicks into [`App`] actions.

mod lang;
mod view;

pub use lang::Lang;

use crate::scenarios::{self, Program};
use std::cell::RefCell;
use std::rc::Rc;
use view::View;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event};

/// The id of the element the page mounts into (see `www/index.html`).
pub const MOUNT_ID: &str = "ioplay";

thread_local! {
    /// The page's app, kept alive for the page's lifetime.
    static PAGE_APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs when the module loads: mounts into `#ioplay` if the page has one (a test page does not).
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let Some(root) = document.get_element_by_id(MOUNT_ID) else {
        return Ok(());
    };
    let search = window.location().search().unwrap_or_default();
    let browser = window.navigator().language().unwrap_or_default();
    let lang = Lang::from_query(&search).unwrap_or_else(|| Lang::from_tag(&browser));
    let app = App::mount(&root, lang)?;
    PAGE_APP.with(|slot| *slot.borrow_mut() = Some(app));
    Ok(())
}

/// The UI state: which language, which program is shown.
struct State {
    document: Document,
    view: View,
    lang: Lang,
    selected: Option<&'static Program>,
}

impl State {
    fn render(&self) -> Result<(), JsValue> {
        self.view.render(&self.document, self.lang, self.selected)
    }

    /// Handles a click anywhere in the root: on a gallery button, or on a control.
    fn on_click(&mut self, event: &Event) -> Result<(), JsValue> {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return Ok(());
        };
        let selector = format!("[{}], [{}]", view::PROGRAM_ATTR, view::ACTION_ATTR);
        let Some(control) = target.closest(&selector)? else {
            return Ok(());
        };
        if let Some(id) = control.get_attribute(view::PROGRAM_ATTR) {
            self.selected = scenarios::program(&id);
        } else if control.get_attribute(view::ACTION_ATTR).as_deref() == Some(view::SWITCH_LANGUAGE) {
            self.lang = self.lang.other();
        }
        self.render()
    }
}

/// A mounted playground. Dropping it detaches its listener and leaves the DOM as it was last drawn.
pub struct App {
    root: Element,
    state: Rc<RefCell<State>>,
    on_click: Closure<dyn FnMut(Event)>,
}

impl App {
    /// Builds the playground inside `root` (replacing its content), speaking `lang`.
    pub fn mount(root: &Element, lang: Lang) -> Result<App, JsValue> {
        let document = root.owner_document().ok_or("root is not in a document")?;
        let view = View::build(&document, root)?;
        let state = Rc::new(RefCell::new(State { document, view, lang, selected: None }));
        state.borrow().render()?;
        let handler_state = Rc::clone(&state);
        let on_click = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            if let Err(error) = handler_state.borrow_mut().on_click(&event) {
                web_sys::console::error_2(&"ioplay: click failed".into(), &error);
            }
        });
        root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        Ok(App { root: root.clone(), state, on_click })
    }

    pub fn lang(&self) -> Lang {
        self.state.borrow().lang
    }

    /// The id of the program whose source is shown.
    pub fn selected(&self) -> Option<&'static str> {
        self.state.borrow().selected.map(|p| p.id)
    }
}

impl Drop for App {
    fn drop(&mut self) {
        let _ =
            self.root.remove_event_listener_with_callback("click", self.on_click.as_ref().unchecked_ref());
    }
}
