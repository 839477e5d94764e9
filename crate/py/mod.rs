//! The Python subset: source → tokens → AST → bytecode → a stackless, steppable VM.

pub mod ast;
pub mod bytecode;
pub mod compiler;
pub mod error;
pub mod heap;
pub mod lexer;
/// The lesson's libraries in the Python subset (`crate/py/modules/lib/`), imported by the VM over `_ioplay`.
#[path = "modules/lib/mod.rs"]
pub mod lib;
pub mod modules;
pub mod parser;
pub mod pystr;
pub mod scope;
pub mod unicode;
pub mod value;
pub mod vm;
