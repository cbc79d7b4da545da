//! tuinews: a terminal reader for Vietnamese news.
//!
//! The library holds everything but the process edges, so tests drive the same code as the binary:
//! [`store`] loads and validates, [`text`] measures and folds Vietnamese text, [`query`] filters,
//! [`cli`] is the scriptable command line.

pub mod cli;
pub mod collate;
pub mod query;
pub mod store;
pub mod text;
