//! Limits on user templates (`[policy] templates`): a template comes with the repository, and
//! rendering an untrusted repository's policy on a build server must end, and end soon, with
//! the policy or a one-line error (`docs/security.md`).
//!
//! - **Work and memory**: minijinja's fuel (its `fuel` feature) charges every instruction and
//!   about one unit per 64 bytes a template creates, output included, so a budget bounds time
//!   and memory alike: `range(100000)` loops, `'x' * 10**9`, `|indent(10**9)` or doubling a
//!   string in a recursive macro run out of fuel. The budget grows with the document, so that
//!   the built-in templates (which run on the same budget once one of them is replaced) always
//!   finish.
//! - **Recursion**: minijinja stops at 500 levels at run time and at 150 in its parser; what it
//!   does not bound is the length of one expression — `1 + 1 + … + 1` parses into a tree as deep
//!   as it is long, and compiling it overflows the stack at a few thousand terms. So no tag may
//!   hold more than [`MAX_TOKENS_PER_TAG`] tokens (counted by minijinja's own lexer, so strings,
//!   comments and raw blocks are read as minijinja reads them).
//! - **Engine panics**: minijinja 3.1 parses the name after `{% import … as` as any expression and
//!   panics compiling one that is not a name (`as a + b`; found by the `templates` fuzz target).
//!   So the name after `as` must be one identifier, as minijinja's documentation writes it.

use minijinja::machinery::{Token, tokenize};
use minijinja::syntax::SyntaxConfig;

use crate::PolicyError;

/// The most tokens one `{{ … }}` or `{% … %}` may hold (a built-in tag holds fewer than 40).
pub const MAX_TOKENS_PER_TAG: usize = 500;

/// The fuel of a render that involves user templates: a base, and more per byte of the
/// document (as JSON) for the built-in templates to go through it.
pub fn fuel(document_bytes: usize) -> u64 {
    const BASE: u64 = 2_000_000;
    const PER_BYTE: u64 = 64;
    BASE.saturating_add(PER_BYTE.saturating_mul(document_bytes as u64))
}

/// Refuses a template with a tag longer than [`MAX_TOKENS_PER_TAG`] tokens, naming its line.
/// Also refuses an `{% import … as X %}` whose `X` is not one name.
pub fn check_source(name: &str, source: &str, syntax: SyntaxConfig) -> Result<(), PolicyError> {
    let refuse = |line: u16, message: String| PolicyError::Template {
        name: Some(name.to_string()),
        user: true,
        line: Some(line as usize),
        message,
    };
    let mut in_tag = 0usize;
    // In an `import` tag: the tokens seen after its `as` (`None` before `as`, or in other tags).
    let mut import_as: Option<Vec<bool>> = None;
    let mut is_import = false;
    for token in tokenize(source, false, syntax) {
        // A lexer error is minijinja's to report, with its own words, when it compiles.
        let Ok((token, span)) = token else {
            return Ok(());
        };
        match token {
            Token::VariableStart | Token::BlockStart => {
                in_tag = 0;
                is_import = false;
                import_as = None;
            }
            Token::BlockEnd => {
                if let Some(after_as) = import_as.take()
                    && after_as != [true]
                {
                    return Err(refuse(
                        span.start_line,
                        "`import … as` takes one name, like `{% import \"macros.md.j2\" as m %}`"
                            .to_string(),
                    ));
                }
            }
            Token::VariableEnd | Token::TemplateData(_) => {}
            token => {
                in_tag += 1;
                if in_tag > MAX_TOKENS_PER_TAG {
                    return Err(refuse(
                        span.start_line,
                        format!(
                            "an expression of more than {MAX_TOKENS_PER_TAG} parts; split it \
                             (ropa limits the length of one tag)"
                        ),
                    ));
                }
                let ident = matches!(token, Token::Ident(_));
                match &mut import_as {
                    Some(after_as) => after_as.push(ident),
                    None if in_tag == 1 => is_import = matches!(token, Token::Ident("import")),
                    None if is_import && matches!(token, Token::Ident("as")) => {
                        import_as = Some(Vec::new());
                    }
                    None => {}
                }
            }
        }
    }
    Ok(())
}
