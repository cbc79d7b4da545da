//! tuinews: a terminal reader for Vietnamese news.
//!
//! The library holds everything but the process edges, so tests drive the same code as the binary:
//! [`store`] loads and validates, [`text`] measures and folds Vietnamese text, [`query`] filters,
//! [`cli`] is the scriptable command line, and [`app`] + [`keymap`] + [`ui`] + [`tui`] are the
//! interactive reader.

pub mod action;
pub mod app;
pub mod cli;
pub mod clihelp;
pub mod collate;
pub mod config;
pub mod document;
pub mod feeds;
pub mod helptext;
pub mod histogram;
pub mod import;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod legacy;
pub mod memory;
pub mod msg;
pub mod parallel;
pub mod persons;
pub mod query;
pub mod related;
pub mod runtime;
pub mod similar;
pub mod state;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod words;
pub mod xdg;
pub mod zone;
