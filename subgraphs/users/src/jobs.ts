import type { JobHandlers } from '../../../platform/queue/consumer';
import { jobHandlers } from '../../../platform/queue/job-handlers';
import { subgraphRequest, type RepeatingJob } from '../../../platform/subgraph';
import { publishRevocations, republishRevocationsIfLost, REVOCATION_PUBLISH_JOB, REVOCATION_REPUBLISH_JOB, type RevocationPublishData } from './account/revocation.service';
import { createUsersContext, type UsersContext } from './context';
import type { UsersDeps } from './deps';
import { createMailer } from './notification/mail-transport';
import { REQUEUE_STALE_JOB, requeueStaleClaims } from './notification/notification-requeue';
import { sendNotification, type NotificationChannels } from './notification/notification-sender';
import { notificationEventHandlers, type NotificationEvents } from './notification/notification.events';
import { SEND_JOB, type SendJobData } from './notification/notification.service';
import { createSmsProvider } from './notification/sms-provider';

/** Every job name the users queue carries, with its payload. */
export type UsersJobs = NotificationEvents & {
  [SEND_JOB]: SendJobData;
  /** Queue again the notifications whose sending worker died (a repeating job, see usersRepeatingJobs). */
  [REQUEUE_STALE_JOB]: unknown;
  [REVOCATION_PUBLISH_JOB]: RevocationPublishData;
  [REVOCATION_REPUBLISH_JOB]: unknown;
};

/** The mail transport and SMS provider the configuration asks for. */
export function notificationChannels(deps: UsersDeps): NotificationChannels {
  const channels = { mailer: createMailer(deps.config.mail), sms: createSmsProvider(deps.config.sms, deps.log) };
  deps.log.info({ mail: channels.mailer.describe, sms: channels.sms.describe }, 'notifications go to');
  return channels;
}

/** The jobs and events the users subgraph consumes from its queue, by job name. */
export function usersJobHandlers(deps: UsersDeps, channels: NotificationChannels = notificationChannels(deps)): JobHandlers {
  const { claimTimeoutSeconds, faultKillAt } = deps.config.notifications;
  return jobHandlers<UsersContext, UsersJobs>('users', deps.log, (info) => createUsersContext(subgraphRequest(deps, info)), {
    ...notificationEventHandlers(deps.config.storefrontUrl),
    /** Sends one notification; a duplicate delivery finds it already claimed or sent and does nothing. */
    [SEND_JOB]: async (ctx, { notificationId }) => {
      const options = { claimTimeoutSeconds, killAt: faultKillAt };
      const { outcome, error } = await sendNotification(ctx.deps.database.dataSource, channels, ctx.log, notificationId, ctx.job?.lastAttempt ?? true, options);
      if (outcome === 'retry') throw error;
    },
    [REQUEUE_STALE_JOB]: async (ctx) => {
      const requeued = await requeueStaleClaims(ctx, claimTimeoutSeconds);
      if (requeued) ctx.log.warn({ requeued }, 'notifications left SENDING by a stopped worker queued again');
    },
    /** Lists revoked sessions in Redis for the gateway (idempotent: a repeat only renews the keys). */
    [REVOCATION_PUBLISH_JOB]: (ctx, { sessionIds }) => publishRevocations(ctx, sessionIds),
    /** Lists every recent revocation again when Redis lost them. */
    [REVOCATION_REPUBLISH_JOB]: async (ctx) => {
      const listed = await republishRevocationsIfLost(ctx);
      if (listed) ctx.log.info({ listed }, 'revocations listed in Redis again');
    },
  });
}

/** The repeating jobs of the users worker: the sweep for stale claims (NOTIFICATION_SWEEP_MS) and the revocation check (REVOCATION_REPUBLISH_MS); 0 turns one off. */
export function usersRepeatingJobs(deps: UsersDeps): RepeatingJob[] {
  const { sweepMs } = deps.config.notifications;
  const republishMs = deps.config.revocationRepublishMs;
  return [
    ...(sweepMs ? [{ name: REQUEUE_STALE_JOB, everyMs: sweepMs }] : []),
    ...(republishMs ? [{ name: REVOCATION_REPUBLISH_JOB, everyMs: republishMs }] : []),
  ];
}
