type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };

/** An API of one GET at each `Path` answering `Body`, typed the way openapi-typescript writes it. */
export type OneGetApi<Path extends string, Body = unknown> = {
  [P in Path]: {
    parameters: NoParameters;
    get: {
      parameters: NoParameters;
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': Body } };
      };
    };
  };
};
