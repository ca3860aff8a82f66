// The TypeScript sample of one operation's telcopay call: the package import, the client factory
// against the mock, and the method (from `x-telcopay`) with an input built from the operation's
// parameter and request examples, shaped as the client takes it (sample-inputs.js).
import { literal } from './literal.js';
import { SAMPLE_INPUTS } from './sample-inputs.js';

/**
 * The `x-codeSamples` entry of an operation of API `api`. `parameters` are its path item's and
 * its own (`{ name, input, in, required, example }`, `input` the method input's field); `requestExamples` maps each named request
 * example to its value.
 */
export function codeSample(api, { method, parameters, requestExamples }) {
  const config = SAMPLE_INPUTS[api] ?? {};
  const client = camelCase(api);
  const factory = `create${client[0].toUpperCase()}${client.slice(1)}Client`;
  const options = { ...config.credentials, environment: 'mock' };
  const input = sampleInput(api, config, method, parameters, requestExamples);
  const call = `const result = await ${client}.${method}(`;
  const argument = input === undefined ? '' : literal(input, '', call.length);
  return {
    lang: 'TypeScript',
    label: 'telcopay',
    source: [
      `import { ${factory} } from '@telcopay/${api}';`,
      '',
      `const ${client} = ${factory}(${literal(options)});`,
      '',
      `${call}${argument});`,
      '',
    ].join('\n'),
  };
}

/** The method's input, or `undefined` when it takes none. */
function sampleInput(api, config, method, parameters, requestExamples) {
  if (config.noInput?.includes(method)) return undefined;
  const fields = parameters
    .filter((parameter) => parameter.in === 'path' || parameter.in === 'query')
    .map((parameter) => [parameter.input, parameterExample(api, method, config, parameter)])
    .filter(([, value]) => value !== undefined);
  if (config.positional?.includes(method)) {
    if (fields.length !== 1) throw new Error(`${api} ${method}: positional, but not one parameter`);
    return fields[0][1];
  }
  const input = Object.fromEntries(fields);
  const body = requestExample(api, method, config, requestExamples);
  if (body !== undefined && config.bodyAs) input[config.bodyAs] = body;
  else if (body !== undefined) {
    for (const [name, value] of Object.entries(body)) {
      if (!config.clientFills?.includes(name)) input[bodyFieldName(config, name)] = value;
    }
  }
  return Object.keys(input).length === 0 ? undefined : input;
}

/** A parameter's example, or `undefined` for an optional one without any. */
function parameterExample(api, method, config, parameter) {
  const { example } = parameter;
  if (example === undefined && parameter.required) {
    throw new Error(`${api} ${method}: the required parameter ${parameter.name} has no example`);
  }
  return config.lists?.includes(parameter.name) && typeof example === 'string'
    ? example.split(',')
    : example;
}

function requestExample(api, method, config, requestExamples) {
  const names = Object.keys(requestExamples);
  const name = config.examples?.[method] ?? names[0];
  if (name !== undefined && !(name in requestExamples)) {
    throw new Error(`${api} ${method}: no request example named ${name}`);
  }
  return name === undefined ? undefined : requestExamples[name];
}

/** The input field of a spread body field: its spec name, or camelCase (`bodyFields`). */
function bodyFieldName(config, name) {
  return config.bodyFields === 'camelCase' ? camelCase(name) : name;
}

/** `tigo-b2b-billing` → `tigoB2bBilling`, `service_type` → `serviceType`. */
function camelCase(name) {
  return name.replace(/[-_]([a-z0-9])/g, (_, letter) => letter.toUpperCase());
}
