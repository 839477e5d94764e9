//! The Python subset: source → tokens → AST → bytecode → a stackless, steppable VM.

pub mod ast;
pub mod error;
pub mod lexer;
pub mod parser;
