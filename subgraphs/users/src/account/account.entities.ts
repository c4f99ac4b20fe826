import { AddressEntity } from '../address/address.entity';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { UserEntity } from '../user/user.entity';
import { RefreshTokenEntity, SessionEntity } from './session.entity';

export const AccountEntities = [UserEntity, SessionEntity, RefreshTokenEntity, AddressEntity, AuditEventEntity];
