//! Issue 23, item 6: user templates cannot crash the generator or run unbounded — an endless
//! loop, a gigabyte of output, a string doubled in a recursive macro, an expression thousands
//! of terms long — each gives a template error naming the file; the built-in templates still
//! render every example through the same budget.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{DATE, example, load};
use ropa_policy::{PolicyError, PolicyRequest, Templates};

fn render(name: &str, source: String) -> Result<String, PolicyError> {
    let (ws, languages) = load(&example());
    let templates = Templates::with_overrides([(name.to_string(), source)]);
    PolicyRequest::new(&ws, "de", DATE)
        .languages(&languages)
        .templates(&templates)
        .generate()
}

fn template_error(result: Result<String, PolicyError>) -> (String, String) {
    match result {
        Err(PolicyError::Template {
            name: Some(name),
            user: true,
            message,
            ..
        }) => (name, message),
        other => panic!("expected a template error, got {other:?}"),
    }
}

#[test]
fn endless_work_runs_out_of_fuel() {
    for body in [
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}",
        "{{ 'a\nb' | indent(1000000000) }}",
        "{{ 'x' * 1000000000 }}",
        "{% macro f(s, n) %}{% if n > 0 %}{{ f(s ~ s, n - 1) }}{% else %}{{ s | length }}{% endif %}{% endmacro %}{{ f('x', 60) }}",
    ] {
        let (name, message) = template_error(render("document.md.j2", body.to_string()));
        assert_eq!(name, "document.md.j2");
        assert!(message.contains("fuel"), "{body}: {message}");
    }
}

#[test]
fn long_expressions_are_refused_before_they_overflow_the_stack() {
    for body in [
        format!("{{{{ {} }}}}", vec!["1"; 30_000].join(" + ")),
        format!("{{{{ {}1 }}}}", "not ".repeat(30_000)),
        format!(
            "{{% set x = {} %}}{{{{ x }}}}",
            vec!["'a'"; 30_000].join(" ~ ")
        ),
    ] {
        let (name, message) = template_error(render("activity.md.j2", body));
        assert_eq!(name, "activity.md.j2");
        assert!(message.contains("more than 500 parts"), "{message}");
    }
    // Long text, strings and comments are not expressions.
    let fine = format!(
        "{} {{{{ '{}' }}}} {{# {} #}}{{% raw %}}{{{{ {} }}}}{{% endraw %}}\n",
        "+ ".repeat(30_000),
        "+ ".repeat(30_000),
        "1 + ".repeat(30_000),
        "1 + ".repeat(100)
    );
    render("intro.md.j2", fine).unwrap();
}

/// Found by the `templates` fuzz target: minijinja 3.1 panics compiling `{% import … as X %}`
/// when `X` is an expression rather than a name. ropa refuses it first, naming the line.
#[test]
fn an_import_needs_one_name_after_as() {
    for body in [
        "{% import \"macros.md.j2\" as a + b %}",
        "\n{% import \"macros.md.j2\" as a % b %}",
        "{%- import 'macros.md.j2' as m[0] -%}",
        "{% import \"macros.md.j2\" as 1 %}",
        "{% import \"macros.md.j2\" as f() %}",
    ] {
        let (name, message) = template_error(render("document.md.j2", body.to_string()));
        assert_eq!(name, "document.md.j2");
        assert!(message.contains("takes one name"), "{body}: {message}");
    }
    // The documented forms still work, and `as` elsewhere is not affected.
    for body in [
        "{% import \"macros.md.j2\" as m %}ok",
        "{% from \"macros.md.j2\" import a as b %}ok",
        "{% set as_text = 'x' %}{{ as_text }}ok",
    ] {
        let text = render("intro.md.j2", body.to_string()).unwrap();
        assert!(text.contains("ok"), "{body}");
    }
}

#[test]
fn the_built_in_templates_render_within_the_budget() {
    // Replacing one template sends the whole document through the template engine with fuel.
    let md = render(
        "changes.md.j2",
        "## {{ section.heading }}\n\nGeändert.\n".to_string(),
    )
    .unwrap();
    assert!(md.contains("Geändert."));
    assert!(md.lines().count() > 50);
}
