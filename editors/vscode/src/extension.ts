// VS Code client for the ropa language server (`ropa lsp`).
//
// The extension itself is thin: it finds the `ropa` binary, checks that it runs, starts it over
// stdio with vscode-languageclient, and adds palette commands around the server's
// `workspace/executeCommand` handlers (`ropa.generatePolicy`, `ropa.exportRecord`).

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  type ExecuteCommandOptions,
  type Executable,
  type LanguageClientOptions,
  type RegistrationData,
  type ServerOptions,
  State,
} from 'vscode-languageclient/node';

const CLIENT_ID = 'ropa';
const CLIENT_NAME = 'ropa language server';
const VERSION_TIMEOUT_MS = 10_000;

/** Commands the extension registers itself (and therefore must not let the client register). */
const CMD_GENERATE_POLICY = 'ropa.generatePolicy';
const CMD_EXPORT_RECORD = 'ropa.exportRecord';
const CMD_RESTART = 'ropa.restartServer';
const OWN_SERVER_COMMANDS = new Set([CMD_GENERATE_POLICY, CMD_EXPORT_RECORD]);

let client: LanguageClient | undefined;
/** Disposables tied to the lifetime of the current client (file watchers). */
let clientDisposables: vscode.Disposable[] = [];
let outputChannel: vscode.OutputChannel | undefined;
let extensionContext: vscode.ExtensionContext | undefined;
/** Serialises start/stop/restart so that overlapping requests cannot start two servers. */
let lifecycle: Promise<void> = Promise.resolve();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionContext = context;
  outputChannel = vscode.window.createOutputChannel('ropa');
  context.subscriptions.push(outputChannel);

  context.subscriptions.push(
    vscode.commands.registerCommand(CMD_GENERATE_POLICY, generatePolicy),
    vscode.commands.registerCommand(CMD_EXPORT_RECORD, exportRecord),
    vscode.commands.registerCommand(CMD_RESTART, () => enqueue(restartClient)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (
        event.affectsConfiguration('ropa.server.path') ||
        event.affectsConfiguration('ropa.server.extraArgs')
      ) {
        void enqueue(restartClient);
      }
    }),
  );

  await enqueue(startClient);
}

export async function deactivate(): Promise<void> {
  await enqueue(stopClient);
}

function enqueue(task: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(task, task).catch((error: unknown) => {
    log(`error: ${errorMessage(error)}`);
  });
  return lifecycle;
}

// ---------------------------------------------------------------------------------------------
// Finding and checking the server

interface ServerBinary {
  command: string;
  /** Where the command came from, for messages. */
  origin: 'setting' | 'bundled' | 'PATH';
}

function findServer(context: vscode.ExtensionContext): ServerBinary {
  const configured = vscode.workspace.getConfiguration('ropa').get<string>('server.path', '').trim();
  if (configured !== '') {
    return { command: resolveConfiguredPath(configured), origin: 'setting' };
  }
  const exe = process.platform === 'win32' ? 'ropa.exe' : 'ropa';
  const bundled = path.join(context.extensionPath, 'server', exe);
  if (isFile(bundled)) {
    return { command: bundled, origin: 'bundled' };
  }
  return { command: exe, origin: 'PATH' };
}

/** Expands `~` and `${workspaceFolder}`, and resolves relative paths against the first folder. */
function resolveConfiguredPath(configured: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let result = configured;
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
    result = path.join(os.homedir(), result.slice(1));
  }
  if (folder !== undefined) {
    result = result.replace(/\$\{workspaceFolder\}/g, folder);
  }
  // A bare name such as `ropa` or `ropa-nightly` is looked up on PATH; anything with a
  // separator is a path.
  const hasSeparator = result.includes('/') || result.includes('\\');
  if (hasSeparator && !path.isAbsolute(result) && folder !== undefined) {
    result = path.resolve(folder, result);
  }
  return result;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Runs `<server> --version`; resolves with its output, rejects with a readable reason. */
function checkServer(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      ['--version'],
      { timeout: VERSION_TIMEOUT_MS, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          let reason: string;
          if (code === 'ENOENT') {
            reason = 'the executable was not found';
          } else if (code === 'EACCES') {
            reason = 'the file is not executable';
          } else if (error.killed) {
            reason = `it did not answer within ${VERSION_TIMEOUT_MS / 1000} s`;
          } else {
            const detail = String(stderr).trim() || error.message;
            reason = `it failed: ${detail}`;
          }
          reject(new Error(reason));
          return;
        }
        resolve(String(stdout).trim());
      },
    );
  });
}

async function reportMissingServer(server: ServerBinary, reason: string): Promise<void> {
  const where =
    server.origin === 'setting'
      ? `"${server.command}" (from the setting ropa.server.path)`
      : server.origin === 'bundled'
        ? `the bundled server "${server.command}"`
        : '"ropa" on PATH';
  const message =
    `ropa: cannot start the language server: running ${where} with --version: ${reason}. ` +
    'Put the ropa binary on PATH (e.g. `cargo install --path crates/ropa-cli` in the ropa repository) ' +
    'or set "ropa.server.path" to it.';
  log(message);
  const openSettings = 'Open settings';
  const showOutput = 'Show output';
  const choice = await vscode.window.showErrorMessage(message, openSettings, showOutput);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'ropa.server');
  } else if (choice === showOutput) {
    outputChannel?.show(true);
  }
}

// ---------------------------------------------------------------------------------------------
// Client lifecycle

async function startClient(): Promise<void> {
  const context = extensionContext;
  if (context === undefined || client !== undefined) {
    return;
  }
  const server = findServer(context);
  try {
    const version = await checkServer(server.command);
    log(`using ${server.command} (${server.origin}): ${version}`);
  } catch (error) {
    // Do not block activation on the message box.
    void reportMissingServer(server, errorMessage(error));
    return;
  }

  const configuredArgs = vscode.workspace.getConfiguration('ropa').get<unknown>('server.extraArgs', []);
  const extraArgs = Array.isArray(configuredArgs)
    ? configuredArgs.filter((arg): arg is string => typeof arg === 'string')
    : [];
  // No `transport`: with `TransportKind.stdio` the client would append `--stdio` to the
  // arguments. Without it the client still talks over the process's stdin/stdout.
  const executable: Executable = {
    command: server.command,
    args: ['lsp', ...extraArgs],
  };
  const serverOptions: ServerOptions = { run: executable, debug: executable };

  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/*.ropa'),
    vscode.workspace.createFileSystemWatcher('**/ropa.toml'),
  ];
  clientDisposables.push(...watchers);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'ropa' },
      { scheme: 'untitled', language: 'ropa' },
    ],
    synchronize: { fileEvents: watchers },
    outputChannel,
    // The trace level is read by the client from `ropa.trace.server` (the client id is `ropa`).
    traceOutputChannel: outputChannel,
  };

  const newClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  keepOwnCommands(newClient);
  client = newClient;
  try {
    await newClient.start();
  } catch (error) {
    const message = `ropa: the language server failed to start: ${errorMessage(error)}`;
    log(message);
    void vscode.window.showErrorMessage(message, 'Show output').then((choice) => {
      if (choice !== undefined) {
        outputChannel?.show(true);
      }
    });
  }
}

async function stopClient(): Promise<void> {
  const current = client;
  client = undefined;
  const disposables = clientDisposables;
  clientDisposables = [];
  try {
    // dispose() stops the server (shutdown + exit, killed after the timeout) and unregisters
    // every provider and command the client added.
    await current?.dispose(2000);
  } catch (error) {
    log(`error while stopping the server: ${errorMessage(error)}`);
  } finally {
    for (const disposable of disposables) {
      disposable.dispose();
    }
  }
}

async function restartClient(): Promise<void> {
  await stopClient();
  await startClient();
}

/**
 * vscode-languageclient registers a VS Code command for every command the server lists in
 * `executeCommandProvider`. `ropa.generatePolicy` and `ropa.exportRecord` are registered by this
 * extension (they ask for language and format first), and registering a command twice throws,
 * so they are filtered out of the server's list before the client registers the rest.
 */
function keepOwnCommands(languageClient: LanguageClient): void {
  const feature = languageClient.getFeature(ExecuteCommandRequest.method);
  const register = feature.register.bind(feature);
  feature.register = (data: RegistrationData<ExecuteCommandOptions>) => {
    const commands = (data.registerOptions.commands ?? []).filter(
      (command) => !OWN_SERVER_COMMANDS.has(command),
    );
    register({ ...data, registerOptions: { ...data.registerOptions, commands } });
  };
}

// ---------------------------------------------------------------------------------------------
// Commands

type PolicyFormat = 'md' | 'html' | 'json';
type RecordFormat = 'md' | 'csv' | 'json';

interface Pick<T extends string> extends vscode.QuickPickItem {
  value: T;
}

const DOCUMENT_LANGUAGE: Record<string, string> = {
  md: 'markdown',
  html: 'html',
  json: 'json',
  csv: 'csv',
};

async function generatePolicy(...args: unknown[]): Promise<void> {
  // Called with arguments (e.g. from a code lens) they are passed on as they are; only missing
  // language / format are asked for.
  const given = firstObject(args);
  const lang = typeof given.lang === 'string' ? given.lang : await pickLanguage();
  if (lang === undefined) {
    return;
  }
  const format = typeof given.format === 'string' ? given.format : await pickPolicyFormat();
  if (format === undefined) {
    return;
  }
  await runServerCommand(
    CMD_GENERATE_POLICY,
    { ...given, lang, format },
    format,
    'Generating privacy policy…',
  );
}

async function exportRecord(...args: unknown[]): Promise<void> {
  const given = firstObject(args);
  const format = typeof given.format === 'string' ? given.format : await pickRecordFormat();
  if (format === undefined) {
    return;
  }
  await runServerCommand(
    CMD_EXPORT_RECORD,
    { ...given, format },
    format,
    'Exporting record of processing activities…',
  );
}

function firstObject(args: unknown[]): Record<string, unknown> {
  const first = args[0];
  return typeof first === 'object' && first !== null && !Array.isArray(first)
    ? (first as Record<string, unknown>)
    : {};
}

async function pickLanguage(): Promise<string | undefined> {
  const items: Pick<string>[] = [
    { label: 'Deutsch', description: 'de', value: 'de' },
    { label: 'English', description: 'en', value: 'en' },
  ];
  if (!vscode.env.language.toLowerCase().startsWith('de')) {
    items.reverse();
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'ropa: Generate privacy policy (1/2)',
    placeHolder: 'Language of the privacy policy',
  });
  return picked?.value;
}

async function pickPolicyFormat(): Promise<PolicyFormat | undefined> {
  const items: Pick<PolicyFormat>[] = [
    { label: 'Markdown', description: 'md', value: 'md' },
    { label: 'HTML', description: 'html', value: 'html' },
    { label: 'JSON', description: 'json', value: 'json' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'ropa: Generate privacy policy (2/2)',
    placeHolder: 'Output format',
  });
  return picked?.value;
}

async function pickRecordFormat(): Promise<RecordFormat | undefined> {
  const items: Pick<RecordFormat>[] = [
    { label: 'Markdown', description: 'md', value: 'md' },
    { label: 'CSV', description: 'csv', value: 'csv' },
    { label: 'JSON', description: 'json', value: 'json' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'ropa: Export record of processing activities',
    placeHolder: 'Output format',
  });
  return picked?.value;
}

async function runServerCommand(
  command: string,
  argument: Record<string, unknown>,
  format: string,
  progressTitle: string,
): Promise<void> {
  const current = client;
  // While the client is starting, sendRequest waits for it.
  if (current === undefined || current.state === State.Stopped) {
    const restart = 'Restart server';
    const choice = await vscode.window.showErrorMessage(
      'ropa: the language server is not running.',
      restart,
    );
    if (choice === restart) {
      await vscode.commands.executeCommand(CMD_RESTART);
    }
    return;
  }

  let result: unknown;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `ropa: ${progressTitle}` },
      () => current.sendRequest(ExecuteCommandRequest.type, { command, arguments: [argument] }),
    );
  } catch (error) {
    const message = `ropa: ${command} failed: ${errorMessage(error)}`;
    log(message);
    void vscode.window.showErrorMessage(message);
    return;
  }

  if (result === null || result === undefined) {
    void vscode.window.showWarningMessage(`ropa: ${command} returned nothing.`);
    return;
  }
  const content = typeof result === 'string' ? result : JSON.stringify(result, null, 2);
  const document = await vscode.workspace.openTextDocument({
    language: DOCUMENT_LANGUAGE[format] ?? 'plaintext',
    content,
  });
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: false,
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

function log(message: string): void {
  outputChannel?.appendLine(`[client] ${message}`);
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}
