import type * as vscode from 'vscode';

/** Activates the extension. Commands and views are registered here as they are added. */
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
