//! The SQL layer: lexer, parser, AST, executor and system views.

pub mod ast;
pub mod exec;
pub mod lexer;
pub mod outcome;
pub mod parser;
pub mod query;
pub mod session;
pub mod views;
