//! Disassembler (prototype -> `luac -l` style listing). To be written.
