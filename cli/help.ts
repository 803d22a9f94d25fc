import type { Command, OptionSpec } from './command.js';

/** The option every command has; the frame handles it before the command runs. */
export const helpOption: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help.' };

/** `cutx-db --help`: the commands and one line on each. */
export function formatOverview(commands: Readonly<Record<string, Command>>): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((name) => name.length));
  const lines = names.map((name) => `  ${name.padEnd(width)}  ${commands[name]?.summary}`);
  return [
    'Usage: cutx-db <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `cutx-db <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

/** `cutx-db <name> --help`: usage, description and every option with its default. */
export function formatCommandHelp(name: string, command: Command): string {
  const options = Object.entries({ ...command.options, help: helpOption });
  const labels = options.map(([option, spec]) => optionLabel(option, spec));
  const width = Math.max(...labels.map((label) => label.length));
  const lines = options.map(([, spec], index) => {
    const fallback = spec.default === undefined || spec.type === 'boolean' ? '' : ` (default: ${spec.default})`;
    return `  ${labels[index]?.padEnd(width)}  ${spec.description}${fallback}`;
  });
  return [`Usage: cutx-db ${name} [options]`, '', command.description, '', 'Options:', ...lines, ''].join('\n');
}

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
  return `${short}--${name}${value}`;
}
