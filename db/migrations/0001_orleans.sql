-- Orleans' ADO.NET providers (clustering, grain storage, reminders) on PostgreSQL.
-- Written to the contract in shared/orleans-adonet-postgres.md: the providers find the catalogue table
-- `orleansquery` by its unquoted name and run each query text as stored; every other table is ours.

CREATE TABLE orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text NOT NULL
);

-- Clustering -------------------------------------------------------------------------------------

CREATE TABLE orleans_membership_version (
    deployment_id text PRIMARY KEY,
    version       integer NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership (
    deployment_id   text NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text NOT NULL,
    port            integer NOT NULL,
    generation      integer NOT NULL,
    silo_name       text NOT NULL,
    host_name       text NOT NULL,
    status          integer NOT NULL,
    proxy_port      integer NOT NULL DEFAULT 0,
    suspect_times   text NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Grain storage ----------------------------------------------------------------------------------

-- The logical key is (service, state name, N0, N1, extension) with NULL matching NULL; the hashes only narrow lookups.
CREATE TABLE orleans_storage (
    service_id          text NOT NULL,
    grain_type_string   text NOT NULL,
    grain_type_hash     integer NOT NULL,
    grain_id_hash       integer NOT NULL,
    grain_id_n0         bigint NOT NULL,
    grain_id_n1         bigint NOT NULL,
    grain_id_extension  text NULL,
    payload             bytea NULL,
    version             integer NOT NULL,
    modified_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_logical_key
        UNIQUE NULLS NOT DISTINCT (service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_extension)
);
CREATE INDEX orleans_storage_lookup ON orleans_storage (service_id, grain_type_hash, grain_id_hash);

-- Reminders --------------------------------------------------------------------------------------

CREATE TABLE orleans_reminders (
    service_id    text NOT NULL,
    grain_id      text NOT NULL,
    reminder_name text NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint NOT NULL,
    grain_hash    integer NOT NULL,
    version       integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX orleans_reminders_range ON orleans_reminders (service_id, grain_hash);

-- The query catalogue ----------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES

('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO orleans_membership_version (deployment_id, version)
    VALUES (@DeploymentId, 0)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM inserted
$q$),

('MembershipReadAllKey', $q$
SELECT v.version, m.address, m.port, m.generation, m.silo_name AS siloname, m.host_name AS hostname,
       m.status, m.proxy_port AS proxyport, m.suspect_times AS suspecttimes,
       m.start_time AS starttime, m.i_am_alive_time AS iamalivetime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadRowKey', $q$
SELECT v.version, m.address, m.port, m.generation, m.silo_name AS siloname, m.host_name AS hostname,
       m.status, m.proxy_port AS proxyport, m.suspect_times AS suspecttimes,
       m.start_time AS starttime, m.i_am_alive_time AS iamalivetime
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

-- The version row is locked by the UPDATE, so two writers that read the same version serialise here
-- and the second one finds the version moved on and changes nothing.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId
       AND version = @Version
       AND NOT EXISTS (SELECT 1 FROM orleans_membership
                        WHERE deployment_id = @DeploymentId AND address = @Address
                          AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                    proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           @ProxyPort, NULL, @StartTime, @IAmAliveTime
      FROM bumped
    RETURNING 1
)
SELECT count(*)::integer FROM inserted
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId
       AND version = @Version
       AND EXISTS (SELECT 1 FROM orleans_membership
                    WHERE deployment_id = @DeploymentId AND address = @Address
                      AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), updated AS (
    UPDATE orleans_membership m
       SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
      FROM bumped
     WHERE m.deployment_id = bumped.deployment_id
       AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*)::integer FROM updated
$q$),

-- A heartbeat never moves the clock backwards, whatever order concurrent heartbeats land in.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
   SET i_am_alive_time = GREATEST(i_am_alive_time, @IAmAliveTime)
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

('GatewaysQueryKey', $q$
SELECT address, proxy_port AS proxyport, generation
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId
   AND status = 6
   AND i_am_alive_time < @IAmAliveTime
   AND start_time < @IAmAliveTime
   AND coalesce(suspect_times, '') = ''
$q$),

('ReadFromStorageKey', $q$
SELECT payload AS payloadbinary, version
  FROM orleans_storage
 WHERE service_id = @ServiceId
   AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
   AND grain_type_string = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- No etag: insert only when the key is free. An etag: update only that version. Zero rows tells the
-- provider the write lost a race (InconsistentStateException).
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
       SET payload = @PayloadBinary, version = version + 1, modified_at = now()
     WHERE @GrainStateVersion IS NOT NULL
       AND service_id = @ServiceId
       AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
       AND grain_type_string = @GrainTypeString
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
       AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type_string, grain_type_hash, grain_id_hash,
                                 grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash,
           @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_logical_key DO NOTHING
    RETURNING version
)
SELECT version AS newgrainstateversion FROM updated
UNION ALL
SELECT version FROM inserted
$q$),

('ClearStorageKey', $q$
UPDATE orleans_storage
   SET payload = NULL, version = version + 1, modified_at = now()
 WHERE service_id = @ServiceId
   AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
   AND grain_type_string = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version
$q$),

('DeleteStorageKey', $q$
DELETE FROM orleans_storage
 WHERE service_id = @ServiceId
   AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
   AND grain_type_string = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
   AND version = @GrainStateVersion
RETURNING version + 1
$q$),

('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
       version = orleans_reminders.version + 1
RETURNING version
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

('ReadRangeRows1Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT count(*)::integer FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$);
