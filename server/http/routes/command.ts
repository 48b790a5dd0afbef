import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { parseBody } from '../middleware/validate.ts';

/**
 * The last step of a route's pipeline, typed from its schema, so that no
 * route casts its body: `router.post(path, auth, command(Schema, target, run))`.
 */

/** A handler that gets the body as `schema` parsed it; a body that does not parse is a 400 naming the first bad field. */
export function validated<Schema extends z.ZodType>(
  schema: Schema,
  handler: (input: z.output<Schema>, req: Request, res: Response) => Promise<void>,
): RequestHandler {
  return async (req, res) => handler(parseBody(schema, req.body), req, res);
}

type Status = 200 | 201;

/**
 * The route helpers of a set of routes, bound to the commands' deps:
 * - `command(Schema, target, run)`: parse the body, read the target from the path, run the command, answer its result;
 * - `action(target, run)`: the same without a body (a command that takes no input, or a read).
 * The body is parsed before the target, so a bad body is the refusal before a bad id.
 */
export function routeHelpers<Deps>(deps: Deps) {
  return {
    command<Target, Schema extends z.ZodType>(
      schema: Schema,
      target: (req: Request) => Target,
      run: (deps: Deps, target: Target, input: z.output<Schema>) => Promise<unknown>,
      status: Status = 200,
    ): RequestHandler {
      return validated(schema, async (input, req, res) => {
        res.status(status).json(await run(deps, target(req), input));
      });
    },
    action<Target>(target: (req: Request) => Target, run: (deps: Deps, target: Target) => Promise<unknown>, status: Status = 200): RequestHandler {
      return async (req, res) => {
        res.status(status).json(await run(deps, target(req)));
      };
    },
  };
}
