fn main() {
    let src_dir = std::path::Path::new("src");
    let mut c_config = cc::Build::new();
    c_config.std("c11").include(src_dir);
    #[cfg(target_env = "msvc")]
    c_config.flag("-utf-8");
    // wasm32-unknown-unknown (the playground) has no libc: the parser compiles against the C
    // headers that tree-sitter-language provides for it, and the tree-sitter runtime crate
    // (0.27) supplies the functions behind them, allocating through Rust's allocator.
    if std::env::var("TARGET").is_ok_and(|target| target == "wasm32-unknown-unknown") {
        let Some(headers) = std::env::var_os("DEP_TREE_SITTER_LANGUAGE_WASM_HEADERS") else {
            panic!("tree-sitter-language did not set DEP_TREE_SITTER_LANGUAGE_WASM_HEADERS");
        };
        c_config.include(headers);
    }
    let parser_path = src_dir.join("parser.c");
    c_config.file(&parser_path);
    println!(
        "cargo:rerun-if-changed={}",
        parser_path.to_str().unwrap_or("src/parser.c")
    );
    c_config.opt_level(3);
    c_config.compile("tree-sitter-ropa");
}
