import type { Job } from 'bullmq';
import type { JobHandlers } from '../../../platform/queue/consumer';
import type { UsersDeps } from './deps';
import { createMailer } from './notification/mail-transport';
import { sendNotification, type NotificationChannels } from './notification/notification-sender';
import { notificationEventHandlers } from './notification/notification.events';
import { SEND_JOB, type SendJobData } from './notification/notification.service';
import { createSmsProvider } from './notification/sms-provider';

/** True when this delivery is the job's last try: a failure then is final. */
const isLastAttempt = (job: Job) => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/** The mail transport and SMS provider the configuration asks for. */
export function notificationChannels(deps: UsersDeps): NotificationChannels {
  const channels = { mailer: createMailer(deps.config.mail), sms: createSmsProvider(deps.config.sms, deps.log) };
  deps.log.info({ mail: channels.mailer.describe, sms: channels.sms.describe }, 'notifications go to');
  return channels;
}

/** The jobs and events the users subgraph consumes from its queue, by job name. */
export function usersJobHandlers(deps: UsersDeps, channels: NotificationChannels = notificationChannels(deps)): JobHandlers {
  return {
    ...notificationEventHandlers(deps),
    /** Sends one notification; a duplicate delivery finds it already claimed or sent and does nothing. */
    [SEND_JOB]: async (job: Job<SendJobData>) => {
      const { outcome, error } = await sendNotification(deps.database.dataSource, channels, deps.log, job.data.notificationId, isLastAttempt(job));
      if (outcome === 'retry') throw error;
    },
  };
}
