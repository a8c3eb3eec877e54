//! `workspace/executeCommand`: `ropa.generatePolicy` and `ropa.exportRecord` return the generated
//! text (the same generators as `ropa policy` and `ropa record`; the policy with the user's
//! templates of `[policy] templates`, read as `ropa policy` reads them).

use ropa_policy::{Mode, PolicyFormat, PolicyRequest, RecordFormat, RecordRequest, Templates};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};

use crate::world::World;

pub const GENERATE_POLICY: &str = "ropa.generatePolicy";
pub const EXPORT_RECORD: &str = "ropa.exportRecord";

fn invalid(message: String) -> Error {
    let mut e = Error::invalid_params(message);
    e.data = None;
    e
}

fn arg<'a>(args: &'a [Value], key: &str) -> Option<&'a str> {
    args.first()
        .and_then(|a| a.get(key))
        .and_then(Value::as_str)
}

/// The templates `ropa policy` would use: the built-in ones with the user's of
/// `[policy] templates` (relative to the workspace root) in their place.
fn templates(w: &World) -> Result<Templates> {
    let (Some(rel), Some(root)) = (&w.config.templates, &w.root) else {
        return Ok(Templates::builtin());
    };
    let (_, files) = ropa_load::template_files(root, rel).map_err(|e| {
        invalid(match e {
            ropa_load::TemplateError::Outside(e) => {
                format!("[policy] templates = \"{rel}\" in ropa.toml: {e}")
            }
            ropa_load::TemplateError::Link(dir) => format!(
                "the templates folder {} ([policy] templates) is a symbolic link; ropa reads nothing outside the workspace root through links",
                dir.display()
            ),
            ropa_load::TemplateError::Folder(dir, e) => format!(
                "cannot read the templates folder {} ([policy] templates): {e}",
                dir.display()
            ),
            ropa_load::TemplateError::Template(path, e) => {
                format!("cannot read the template {}: {e}", path.display())
            }
        })
    })?;
    Ok(Templates::with_overrides(files))
}

pub fn execute(w: &mut World, command: &str, args: &[Value]) -> Result<Option<Value>> {
    let languages = w.config.languages.clone();
    let lang = arg(args, "lang")
        .map(str::to_string)
        .unwrap_or_else(|| ropa_policy::default_language(&languages).to_string());
    // The generators need every activity: the files the server let go of are lowered again,
    // for this command only.
    let whole;
    let ws = if w.ws.is_whole() {
        &w.ws
    } else {
        whole = w.ws.lowered_again();
        &whole
    };
    let findings = ropa_lint::check(ws, &w.config, w.today);
    let text = match command {
        GENERATE_POLICY => {
            // A draft (like the preview): what the record lacks shows as marked boxes. With
            // the user's templates, as `ropa policy` writes it.
            let templates = templates(w)?;
            let request = PolicyRequest::new(ws, &lang, w.today)
                .languages(&languages)
                .order(&w.config.policy_order)
                .mode(Mode::Draft(&findings))
                .templates(&templates);
            if let Some(activity) = arg(args, "activity") {
                // The preview of one module, as the policy writes it.
                return match request.activity_preview(activity) {
                    Ok(Some(s)) => Ok(Some(Value::String(s))),
                    Ok(None) => Err(invalid(format!("there is no activity `{activity}`"))),
                    Err(e) => Err(invalid(e.to_string())),
                };
            }
            let format = match arg(args, "format").unwrap_or("md") {
                "md" | "markdown" => PolicyFormat::Markdown,
                "html" => PolicyFormat::Html {
                    standalone: args
                        .first()
                        .and_then(|a| a.get("standalone"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                },
                "json" => PolicyFormat::Json,
                other => {
                    return Err(invalid(format!(
                        "unknown policy format `{other}`: use md, html or json"
                    )));
                }
            };
            request.format(format).generate()
        }
        EXPORT_RECORD => {
            let format = match arg(args, "format").unwrap_or("md") {
                "md" | "markdown" => RecordFormat::Markdown,
                "csv" => RecordFormat::Csv,
                "json" => RecordFormat::Json,
                other => {
                    return Err(invalid(format!(
                        "unknown record format `{other}`: use md, csv or json"
                    )));
                }
            };
            RecordRequest::new(ws, &lang)
                .languages(&languages)
                .date(Some(w.today))
                .mode(Mode::Draft(&findings))
                .format(format)
                .generate()
        }
        other => return Err(invalid(format!("unknown command `{other}`"))),
    };
    text.map(|t| Some(Value::String(t)))
        .map_err(|e| invalid(e.to_string()))
}
