// Starts `gtmbook lsp` for the Markdown files of a workspace that holds a book.toml.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("gtmbook").get("path", "gtmbook");
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "markdown" }],
    synchronize: {
      // Files changed outside the editor, and book.toml, reach the server.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.md,*.markdown,book.toml}"),
    },
  };
  client = new LanguageClient("gtmbook", "gtmbook", serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
