//! The Python subset: source → tokens → AST → bytecode → a stackless, steppable VM.

pub mod ast;
pub mod bytecode;
pub mod compiler;
pub mod error;
pub mod heap;
pub mod lexer;
pub mod modules;
pub mod parser;
pub mod scope;
pub mod value;
pub mod vm;
