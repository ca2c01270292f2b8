/**
 * Calls of administration. Types come from the API contract (src/contract, type-only). Versioned
 * writes send If-Match with the version the page was loaded with; a 412 answers with the current one.
 */
import { request } from '../api.js';
import type {
  AdminAssignment,
  AdminAssignmentCreate,
  AdminOptions,
  AdminPeopleList,
  AdminPerson,
  AdminPersonCreate,
  AdminPersonDetail,
  AdminPersonUpdate,
  AdminUnit,
  AdminUnitCreate,
  AdminUnitDetail,
  AdminUnitList,
} from '../../contract/admin.js';

export type {
  AdminAssignment,
  AdminOptions,
  AdminPeopleList,
  AdminPerson,
  AdminPersonDetail,
  AdminUnit,
  AdminUnitDetail,
} from '../../contract/admin.js';

const enc = encodeURIComponent;
const ifMatch = (version: number) => ({ 'if-match': `"v${version}"` });

export const adminApi = {
  options: () => request<AdminOptions>('GET', '/api/admin/options'),
  units: () => request<AdminUnitList>('GET', '/api/admin/units'),
  unit: (id: string) => request<AdminUnitDetail>('GET', `/api/admin/units/${enc(id)}`),
  createUnit: (body: AdminUnitCreate) => request<AdminUnit>('POST', '/api/admin/units', body),
  renameUnit: (id: string, version: number, name: string) =>
    request<AdminUnit>('PATCH', `/api/admin/units/${enc(id)}`, { name }, ifMatch(version)),
  endUnit: (id: string, version: number, validTo: string, endAssignments: boolean) =>
    request<AdminUnit>('POST', `/api/admin/units/${enc(id)}/end`, { validTo, endAssignments }, ifMatch(version)),
  searchPeople: (query: string) => request<AdminPeopleList>('POST', '/api/admin/people/search', { query }),
  person: (id: string) => request<AdminPersonDetail>('GET', `/api/admin/people/${enc(id)}`),
  createPerson: (body: AdminPersonCreate) => request<AdminPersonDetail>('POST', '/api/admin/people', body),
  updatePerson: (id: string, version: number, body: AdminPersonUpdate) =>
    request<AdminPerson>('PATCH', `/api/admin/people/${enc(id)}`, body, ifMatch(version)),
  setEnabled: (id: string, version: number, enabled: boolean) =>
    request<AdminPerson>(
      'POST',
      `/api/admin/people/${enc(id)}/${enabled ? 'enable' : 'disable'}`,
      {},
      ifMatch(version),
    ),
  createAssignment: (body: AdminAssignmentCreate) => request<AdminAssignment>('POST', '/api/admin/assignments', body),
  endAssignment: (id: string, version: number, validTo: string) =>
    request<AdminAssignment>('POST', `/api/admin/assignments/${enc(id)}/end`, { validTo }, ifMatch(version)),
};
