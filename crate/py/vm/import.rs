//! `import` of ioplay's Python libraries (`socket`, `selectors`, `gevent.hub`, … from [`crate::py::lib`]),
//! stackless: a module's body runs as a frame like any other, so a learner steps through it.
//!
//! The import instruction loads one missing module per execution: it pushes the module's frame with
//! [`ReturnTo::Reimport`], and when the body returns, the same instruction runs again and finds the module
//! (or loads the next missing one: `import gevent.hub` loads `gevent`, then `gevent.hub`).

use super::call::ReturnTo;
use super::{ExcKind, Vm};
use crate::py::value::{ObjId, Value};
use std::rc::Rc;

/// What `from package import name` found when `name` was no attribute of the package.
pub(crate) enum Submodule {
    Loaded(ObjId),
    /// Its body was pushed to run first: the instruction must run again when it returns.
    Started,
    Missing,
}

/// The file name prefix of library modules (their frames are left out of tracebacks).
const LIB_PREFIX: &str = "<ioplay>/lib/";

/// Whether a code object's file is one of ioplay's libraries.
pub(crate) fn is_library_file(filename: &str) -> bool {
    filename.starts_with(LIB_PREFIX)
}

impl Vm {
    /// `import name` (dotted): `Some(module)` when it and its parents are loaded; `None` when a module
    /// body was pushed to run first (the instruction must run again when it returns).
    pub(crate) fn import_step(&mut self, name: &str) -> Result<Option<ObjId>, Value> {
        let mut end = 0;
        loop {
            end = name[end..].find('.').map_or(name.len(), |i| end + i);
            let prefix = &name[..end];
            if !self.modules.contains_key(prefix) {
                // The native modules (`_ioplay`, `time`, `errno`, `greenlet`, …) come first.
                if let Some(m) = crate::py::modules::import_native(self, prefix) {
                    self.modules.insert(prefix.to_string(), m);
                } else if let Some(source) = crate::py::lib::find(prefix) {
                    self.start_library_module(prefix, source)?;
                    return Ok(None);
                } else {
                    self.import(prefix)?; // raises ModuleNotFoundError
                }
            }
            if end == name.len() {
                return Ok(Some(self.modules[name]));
            }
            end += 1;
        }
    }

    /// `from package import name` where `name` is not (yet) an attribute: the submodule
    /// `package.name`, if the library has it.
    pub(crate) fn import_submodule(&mut self, package: &str, name: &str) -> Result<Submodule, Value> {
        let full = format!("{package}.{name}");
        if crate::py::lib::find(&full).is_none() {
            return Ok(Submodule::Missing);
        }
        Ok(match self.import_step(&full)? {
            Some(m) => Submodule::Loaded(m),
            None => Submodule::Started,
        })
    }

    /// Compile a library module, make its module object (known to `sys.modules` and to its parent
    /// package before its body runs, as CPython does) and push its body's frame.
    fn start_library_module(&mut self, name: &str, source: &crate::py::lib::Source) -> Result<(), Value> {
        let filename = format!("{LIB_PREFIX}{}", source.path);
        let module_ast = crate::py::parser::parse(source.text, &filename)
            .map_err(|e| self.exc(ExcKind::ImportError, format!("cannot import {name}: {}", e.msg)))?;
        let code = crate::py::compiler::compile_module(
            &module_ast,
            &filename,
            &mut self.heap,
            &mut self.names,
            &mut self.codes,
        )
        .map_err(|e| self.exc(ExcKind::ImportError, format!("cannot import {name}: {}", e.msg)))?;
        self.sources.insert(filename.clone(), Rc::new(source.text.lines().map(String::from).collect()));
        let module = self.new_module(name);
        let file = self.new_str(&filename);
        self.module_set(module, "__file__", file);
        self.modules.insert(name.to_string(), module);
        if let Some((parent, child)) = name.rsplit_once('.') {
            if let Some(&p) = self.modules.get(parent) {
                self.module_set(p, child, Value::Obj(module));
            }
        }
        let frame = self.new_frame(code, module, ReturnTo::Reimport);
        self.frames.push(frame);
        Ok(())
    }
}
