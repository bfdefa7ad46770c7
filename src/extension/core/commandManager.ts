import * as vscode from 'vscode';

/** A command of ours: its id (in COMMANDS) and what it does. */
export interface Command {
  /** The command id, as package.json contributes it. */
  readonly id: string;
  /** Runs the command with the arguments VS Code (or a caller of executeCommand) passes. */
  execute(...args: unknown[]): unknown;
}

/**
 * The one place our commands are registered with VS Code: every feature hands its
 * Command objects to `register`, and disposing the manager unregisters them all.
 */
export class CommandManager implements vscode.Disposable {
  private readonly registered = new Map<string, { command: Command; registration: vscode.Disposable }>();

  /** Registers a command; a second command with the same id is a programming error. */
  register(command: Command): vscode.Disposable {
    if (this.registered.has(command.id)) throw new Error(`the command ${command.id} is registered twice`);
    // Bound so a Command class may use `this` in execute.
    const registration = vscode.commands.registerCommand(command.id, command.execute, command);
    this.registered.set(command.id, { command, registration });
    return new vscode.Disposable(() => {
      registration.dispose();
      this.registered.delete(command.id);
    });
  }

  /** Registers several commands at once. */
  registerAll(commands: readonly Command[]): void {
    for (const c of commands) this.register(c);
  }

  /** The ids registered now (checked against package.json by the integration tests). */
  ids(): string[] {
    return [...this.registered.keys()];
  }

  dispose(): void {
    for (const { registration } of this.registered.values()) registration.dispose();
    this.registered.clear();
  }
}
