//! The Python subset: source → tokens → AST → bytecode → a stackless, steppable VM.

pub mod ast;
pub mod error;
pub mod lexer;
/// The lesson's libraries in the Python subset (`crate/py/modules/lib/`), imported by the VM over `_ioplay`.
#[path = "modules/lib/mod.rs"]
pub mod lib;
pub mod parser;
