import { useTranslation } from 'react-i18next';
import { LoadStatus } from '../components/Status.js';
import { useDocumentTitle, useLoad } from '../hooks.js';
import { useFormat } from '../i18n.js';
import { Link, PageHeading, paths } from '../router.js';
import { concernApi, type TodoItem, type TodoList } from './api.js';
import { HandoverInbox } from '../plan/HandoverInbox.js';
import { AssistanceInbox } from '../assistance/AssistanceInbox.js';
import { privacyPaths } from '../privacy/paths.js';
import { reportPaths } from '../reports/paths.js';
import { daysBetween } from '../components/time.js';

/**
 * "Att göra": what I should do soon — today, decisions on concerns. Overdue first, and "försenad"
 * is said in words (the colour only repeats it).
 */
export function TodoPage({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('todo.title'));
  // The list follows the assignment: switching assignment loads it again.
  const todo = useLoad(`todo:${assignmentId}`, concernApi.todo);
  return (
    <>
      <PageHeading>{t('todo.title')}</PageHeading>
      <HandoverInbox assignmentId={assignmentId} />
      <AssistanceInbox assignmentId={assignmentId} />
      <LoadStatus load={todo} />
      {todo.status === 'ok' ? <Todo list={todo.data} /> : null}
    </>
  );
}

function Todo({ list: all }: { list: TodoList }) {
  const { t } = useTranslation();
  const f = useFormat();
  // Offers of a role are answered in the inbox above.
  const list = { ...all, items: all.items.filter((i) => i.kind !== 'handover') };
  if (list.items.length === 0) {
    return (
      <>
        <p className="lead">{t('todo.intro', { days: list.upcomingDays })}</p>
        <div className="empty-state">
          <p>{t('todo.none')}</p>
        </div>
      </>
    );
  }
  return (
    <>
      <p className="lead">{t('todo.intro', { days: list.upcomingDays })}</p>
      <div className="table-scroll" role="region" aria-labelledby="todo-caption" tabIndex={0}>
        <table className="data-table todo-table">
          <caption id="todo-caption">{t('todo.caption', { count: list.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('todo.columns.status')}</th>
              <th scope="col">{t('todo.columns.child')}</th>
              <th scope="col">{t('todo.columns.what')}</th>
              <th scope="col">{t('todo.columns.due')}</th>
              <th scope="col">{t('todo.columns.why')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((i) => (
              <tr key={`${i.kind}:${i.resourceId}`} className={i.overdue ? 'row-overdue' : undefined}>
                <td>
                  <DueStatus item={i} today={list.today} />
                </td>
                <th scope="row">
                  {i.childName ? <Link to={paths.child(i.childId)}>{i.childName}</Link> : t('breakGlass.theChild')}
                </th>
                <td>
                  <Link to={todoLink(i)}>
                    {i.kind === 'plan_review' || i.kind === 'meeting'
                      ? t(`meetings.todo.kind.${i.kind}`)
                      : i.kind === 'break_glass_review'
                        ? t('breakGlass.todo.kind')
                        : t(`todo.kind.${i.kind}`)}
                    <span className="visually-hidden"> – {i.childName}</span>
                  </Link>
                  {i.detail ? <span className="block small prewrap">{i.detail}</span> : null}
                </td>
                <td className="nowrap-md">{f.date(i.dueDate)}</td>
                <td>
                  {i.why
                    .map((w) =>
                      w === 'invited'
                        ? t('meetings.todo.why.invited')
                        : w === 'log_reviewer'
                          ? t('breakGlass.todo.why.log_reviewer')
                          : t(`todo.why.${w}`),
                    )
                    .join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Where an item is dealt with (ids only in the path). */
function todoLink(i: TodoItem): string {
  if (i.kind === 'attendance_alert') return paths.attendanceAlert(i.childId, i.resourceId);
  if (i.kind === 'action') return paths.plan(i.childId);
  if (i.kind === 'plan_review') return paths.reviewNew(i.childId);
  if (i.kind === 'meeting') return paths.meeting(i.childId, i.resourceId);
  // A log reviewer is not on the child's team: the review is done from the log review.
  if (i.kind === 'break_glass_review')
    return i.why.includes('log_reviewer') ? reportPaths.logReview : privacyPaths.child(i.childId);
  return paths.concern(i.childId, i.resourceId);
}

function DueStatus({ item, today }: { item: TodoItem; today: string }) {
  const { t } = useTranslation();
  if (item.overdue)
    return <span className="status status-overdue">{t('todo.overdue', { count: item.daysOverdue })}</span>;
  const days = daysBetween(today, item.dueDate);
  return (
    <span className="status status-open">{days <= 0 ? t('todo.dueToday') : t('todo.dueIn', { count: days })}</span>
  );
}
