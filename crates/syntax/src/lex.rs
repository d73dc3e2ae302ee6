//! Lexer (source bytes -> tokens). To be written.
