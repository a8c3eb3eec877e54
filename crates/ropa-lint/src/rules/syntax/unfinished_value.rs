//! # `unfinished-value`
//!
//! **Category:** syntax · **Default severity:** error
//!
//! ## What it checks
//!
//! A value written as the placeholder `todo`: `retention todo`, `avv todo`, `country todo`, a
//! language of a text (`notice { de "…" en todo }`), any key of any item. Each `todo` is one
//! finding, at the word `todo`. Other rules treat the key as present without a value: they do
//! not report it as missing, and they judge nothing by it.
//!
//! ## Why
//!
//! `todo` is how a record says "someone still has to decide this" instead of inventing a fact:
//! the quick fixes of `ropa check` and the editor write it where only a person can know the
//! answer — the date an AVV was signed, how long data is kept, which safeguard covers a transfer.
//! Until it is decided, the record is incomplete: the controller cannot demonstrate compliance
//! (Art. 5(2) GDPR), the Art. 30 record lacks an entry it must contain, and the privacy policy
//! would leave out what Art. 13/14 GDPR require. As an error it keeps `ropa policy` and
//! `ropa record` from publishing the record until every `todo` is replaced (`--draft` shows each
//! one as a marked box).
//!
//! ## Legal reference
//!
//! None of its own: this rule is about the record itself. A record with open `todo`s cannot
//! demonstrate compliance (Art. 5(2) GDPR, accountability) and lacks entries Art. 30(1) GDPR
//! requires; what each `todo` stands for is required by the rule about that key.
//!
//! ## Example that fails
//!
//! ```ropa
//! processor mailer {
//!   name    "Newsletter-Dienst GmbH"
//!   country DE
//!   avv     todo
//! }
//!
//! activity newsletter {
//!   processors [mailer]
//!   retention  todo
//! }
//! ```
//!
//! ## Example that passes
//!
//! ```ropa
//! processor mailer {
//!   name    "Newsletter-Dienst GmbH"
//!   country DE
//!   avv { signed 2026-01-15 }
//! }
//!
//! activity newsletter {
//!   processors [mailer]
//!   retention  "bis zur Abmeldung"
//! }
//! ```
//!
//! ## How to fix
//!
//! Find out the fact and write it in place of `todo`: the date in the signed contract, the
//! retention period your deletion concept sets, the safeguard in the contract with the recipient.
//! There is no quick fix: only a person who knows the facts can replace a `todo`.

use ropa_analysis::model::ItemHeader;
use ropa_analysis::{Location, Severity};

use crate::registry::{Category, Rule};
use crate::{Context, Sink};

pub(crate) const RULE: Rule = Rule {
    name: "unfinished-value",
    category: Category::Syntax,
    severity: Severity::Error,
    enabled_by_default: true,
    reference: "",
    summary: "a value still written as the placeholder `todo`",
    source: "",
    check,
};

fn check(ctx: &Context, sink: &mut Sink) {
    // Only the files in scope: the server checks one file per edit, not the whole workspace.
    for (_, file) in ctx.files() {
        for header in file.model.headers() {
            report(sink, header);
        }
    }
}

fn report(sink: &mut Sink, header: &ItemHeader) {
    let kind = header.kind.keyword();
    let item = match header.id() {
        "" => format!("this {kind}"),
        id => format!("{kind} `{id}`"),
    };
    for todo in header.todos() {
        sink.report(
            &RULE,
            Location {
                file: header.file,
                range: todo.range,
            },
            format!(
                "`{}` of {item} is still `todo`: replace it with the real value once it is known (until then `ropa policy` and `ropa record` refuse the record)",
                todo.key
            ),
        );
    }
}
