import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { AUTH_ERRORS } from '../../../contract/errors.js';
import { requireScope } from '../../http/session-hook.js';
import { TodoList } from '../../../contract/todo.js';
import { TodoService } from './service.js';

export function todoRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new TodoService(ctx);
  return async (app) => {
    app.get(
      '/api/todo',
      {
        schema: {
          tags: ['todo'],
          summary: 'My to-do list ("Att göra")',
          description:
            'Concern decisions that are overdue or due within a few days — concerns I raised, or on children I coordinate — and plan actions I am responsible for, on children I may see today; and offers of a role (coordinator, barnets bästa-ansvarig) waiting for my answer (the child named only when I may already see it). Overdue items first. Every child listed is audited.',
          response: { 200: TodoList, ...AUTH_ERRORS },
        },
      },
      async (req) => service.list(requireScope(req)),
    );
  };
}
