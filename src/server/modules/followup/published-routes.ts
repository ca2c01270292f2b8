import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../../../contract/errors.js';
import { requireAssignment } from '../../http/session-hook.js';
import type { PublishedFollowup } from './published.js';
import {
  EquityQuery,
  EquityResponse,
  IndicatorKey,
  IndicatorQuery,
  IndicatorResponse,
  InstrumentsQuery,
  InstrumentsResponse,
  OverviewQuery,
  OverviewResponse,
  ProfileQuery,
  ProfileResponse,
  SchoolCode,
} from '../../../contract/followup.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/**
 * Population follow-up, read side: published aggregates of the school survey. Any logged-in user
 * acting in an assignment may read them — they are anonymous aggregates after small-cell
 * suppression, not child data, so they do not pass the child gate and are not audited. The cube
 * is computed once per snapshot; suppression is enforced here, on the server: a hidden cell has
 * null x, share and CI, and no comparison ever uses it.
 */
export function registerPublishedRoutes(app: Parameters<FastifyPluginAsyncZod>[0], published: PublishedFollowup): void {
  app.get(
    '/api/followup/instruments',
    {
      schema: {
        tags: ['followup'],
        summary: 'Survey instruments with waves, grades, areas, indicators and response rates',
        description:
          'Everything the follow-up filters need: waves and their grades, municipalities and schools with results, the published indicators with their wheel indicator, the breakdowns published per kind of area, the suppression rule set, and response rates per wave and grade for the county and each municipality (low ones flagged).',
        querystring: InstrumentsQuery,
        response: { 200: InstrumentsResponse, ...errors },
      },
    },
    async (req) => {
      requireAssignment(req);
      return published.instruments();
    },
  );

  app.get(
    '/api/followup/overview',
    {
      schema: {
        tags: ['followup'],
        summary: 'Overview of an area: every indicator by wheel indicator',
        description:
          'For the county, a municipality (`municipality`) or a school (`school`), one grade and wave: every indicator of that grade grouped by the eight wheel indicators, with share, Wilson CI, n and status, the difference from the rest of the county with its Newcombe CI (p adjusted within the stated family: Benjamini–Hochberg, Holm for goal indicators), the trend across waves with series breaks, and the response rate with a low-response flag. Hidden cells have null share, CI and x.',
        querystring: OverviewQuery,
        response: { 200: OverviewResponse, ...errors },
      },
    },
    async (req) => {
      requireAssignment(req);
      return published.overview(req.query);
    },
  );

  app.get(
    '/api/followup/indicators/:indicatorId',
    {
      schema: {
        tags: ['followup'],
        summary: 'One indicator broken down by a dimension',
        description:
          'The groups of a breakdown (municipality, school, gender, family or school ladder, background — what is published depends on the area) with CIs, each group against the rest of the area (Newcombe CI; family = every indicator × group of this breakdown in this wave), a chi-square test across the published groups with its validity (Fisher for a small 2×2), the area as the reference line, and the trend of the area and each group with series breaks.',
        params: z.object({ indicatorId: IndicatorKey }),
        querystring: IndicatorQuery,
        response: { 200: IndicatorResponse, ...errors },
      },
    },
    async (req) => {
      requireAssignment(req);
      return published.indicator(req.params.indicatorId, req.query);
    },
  );

  app.get(
    '/api/followup/equity',
    {
      schema: {
        tags: ['followup'],
        summary: 'Equity: an indicator by gender × family-ladder group',
        description:
          'For the county, a municipality or a school: the indicator by family-ladder group (MacArthur, default 1–4 / 5–7 / 8–10), for everyone and per gender, with the gap between the highest and the lowest group (Newcombe CI) and a chi-square test across the groups per row (Benjamini–Hochberg across the rows).',
        querystring: EquityQuery,
        response: { 200: EquityResponse, ...errors },
      },
    },
    async (req) => {
      requireAssignment(req);
      return published.equity(req.query);
    },
  );

  app.get(
    '/api/followup/schools/:schoolId/profile',
    {
      schema: {
        tags: ['followup'],
        summary: "A school's profile: strengths and challenges",
        description:
          'Every indicator of the grade, the school against the rest of the county, ranked by the size of the (polarity-aware) difference with its Newcombe CI — strengths first by favourable difference, challenges by unfavourable difference; never coloured by p-value alone. Hidden cells are listed apart, without values.',
        params: z.object({ schoolId: SchoolCode }),
        querystring: ProfileQuery,
        response: { 200: ProfileResponse, ...errors },
      },
    },
    async (req) => {
      requireAssignment(req);
      return published.schoolProfile(req.params.schoolId, req.query);
    },
  );
}
