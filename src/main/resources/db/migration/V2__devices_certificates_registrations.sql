-- A device's life outside any one dossier (issue 18, point 1): each vendor company's devices, their certificates
-- of conformity and their registrations. Rows are written by the pathways when a certificate or a registration
-- is granted (device.DeviceRecords) and are never deleted with the engine's history: they outlive the dossier.

-- One device of one vendor company: a software name and version (a new version is a new row).
CREATE TABLE parcours_device (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  vendor_group VARCHAR(64) NOT NULL,
  company_name VARCHAR(255),
  name VARCHAR(255) NOT NULL,
  version VARCHAR(64) NOT NULL,
  profiles VARCHAR(1000),
  basic_udi_di VARCHAR(64),
  created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX parcours_device_once ON parcours_device (vendor_group, name, version);

-- A certificate of conformity to a referential (and its version), from the dossier that produced it; withdrawn
-- with its reasons when an audit finds a non-conformity that was not corrected.
CREATE TABLE parcours_certificate (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  device_id VARCHAR(36) NOT NULL REFERENCES parcours_device (id),
  number VARCHAR(100) NOT NULL,
  referential VARCHAR(255) NOT NULL,
  referential_version VARCHAR(64) NOT NULL,
  issued_at TIMESTAMP NOT NULL,
  valid_until DATE,
  withdrawn_at TIMESTAMP,
  withdrawal_reason VARCHAR(2000),
  dossier_id VARCHAR(64),
  process_instance_id VARCHAR(64),
  pathway VARCHAR(64) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX parcours_certificate_once ON parcours_certificate (number);
CREATE INDEX parcours_certificate_device ON parcours_certificate (device_id);

-- A registration for reimbursement: PECAN early coverage, a brand name (until the end date of its order), a
-- generic-line code.
CREATE TABLE parcours_registration (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  device_id VARCHAR(36) NOT NULL REFERENCES parcours_device (id),
  kind VARCHAR(32) NOT NULL,
  reference VARCHAR(255),
  starts_on DATE NOT NULL,
  ends_on DATE,
  dossier_id VARCHAR(64),
  process_instance_id VARCHAR(64) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX parcours_registration_once ON parcours_registration (process_instance_id, kind, starts_on);
CREATE INDEX parcours_registration_device ON parcours_registration (device_id);
