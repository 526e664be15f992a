using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kalkan.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CellY = table.Column<int>(type: "INTEGER", nullable: false),
                    CellX = table.Column<int>(type: "INTEGER", nullable: false),
                    HourOfWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_history", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_reporter_tracks",
                columns: table => new
                {
                    Key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Reports = table.Column<int>(type: "INTEGER", nullable: false),
                    Verified = table.Column<int>(type: "INTEGER", nullable: false),
                    Dismissed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_reporter_tracks", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TitleSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    NotesSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FiledOn = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    WatchUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "checkins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    OwnerSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NoteSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PositionSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checkins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "circle_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MemberIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PairSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    HandleSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_circle_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "duress_calls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ReasonSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_duress_calls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idempotent_requests",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ResultId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotent_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LatestVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "landmarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NameSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PositionSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_landmarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HandleSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    HandleIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PassphraseHash = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    InvitedBySealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DuressSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TotpSecretSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    TotpEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    TotpLastStep = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "networks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NameSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequireSecondFactor = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_networks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "perpetrator_profiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UnitSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    BadgeSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    BadgeIndex = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PlateSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PlateIndex = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DescriptionSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_perpetrator_profiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pseudonyms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NameIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    NameSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pseudonyms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "safe_places",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DetailsSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CheckedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_safe_places", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "seal",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Salt = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MemoryKib = table.Column<int>(type: "INTEGER", nullable: false),
                    Iterations = table.Column<int>(type: "INTEGER", nullable: false),
                    Parallelism = table.Column<int>(type: "INTEGER", nullable: false),
                    WrappedRootKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    KeyCheck = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ShareThreshold = table.Column<int>(type: "INTEGER", nullable: false),
                    ShareCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ShareChecks = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seal", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MemberSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MemberIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LockedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LocksWhenIdle = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sos_calls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    OwnerSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PositionSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    NoteSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sos_calls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vapid_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublicKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PrivateKeySealed = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vapid_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "warning_checks",
                columns: table => new
                {
                    MemberRef = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warning_checks", x => new { x.MemberRef, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "warning_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    DescriptionSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PlateSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PhoneSealed = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warning_reports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "warnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlateIndex = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PhoneIndex = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    DescriptionSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PlateSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PhoneSealed = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "case_assignees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MemberSealed = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_assignees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_assignees_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_deadlines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Due = table.Column<long>(type: "INTEGER", nullable: false),
                    LabelSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RemindedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_deadlines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_deadlines_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NameSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_documents_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    PseudonymSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    WatchIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MemberSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    MemberIndex = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_people", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_people_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    On = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    UnderPressure = table.Column<bool>(type: "INTEGER", nullable: false),
                    NoteSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_steps_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_warnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SourceKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_warnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_warnings_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_incidents",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_incidents", x => new { x.CaseId, x.IncidentId });
                    table.ForeignKey(
                        name: "FK_case_incidents_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_case_incidents_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "incident_evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SharedSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    NameSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incident_evidence_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SealedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OccurredOn = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Precision = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    OccurredFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OccurredTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    District = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ConsentAggregate = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentAdvocacy = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentLegal = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentRecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BodySealed = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incident_versions_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PositionSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    LandmarkId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NoteSealed = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ReporterRef = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Confirmations = table.Column<int>(type: "INTEGER", nullable: false),
                    RequiredConfirmations = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alerts_landmarks_LandmarkId",
                        column: x => x.LandmarkId,
                        principalTable: "landmarks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CodeIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CodeSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_invitations_members_CreatedBy",
                        column: x => x.CreatedBy,
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "push_subscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EndpointSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    EndpointIndex = table.Column<byte[]>(type: "BLOB", nullable: false),
                    P256dhSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AuthSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    LanguageSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_push_subscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_push_subscriptions_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_perpetrators",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_perpetrators", x => new { x.CaseId, x.ProfileId });
                    table.ForeignKey(
                        name: "FK_case_perpetrators_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_case_perpetrators_perpetrator_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "perpetrator_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sos_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SosId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponderSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sos_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sos_responses_sos_calls_SosId",
                        column: x => x.SosId,
                        principalTable: "sos_calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_acts",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_acts", x => new { x.VersionId, x.Slot });
                    table.ForeignKey(
                        name: "FK_incident_acts_incident_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "incident_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_people",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    PseudonymId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Defender = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_people", x => new { x.VersionId, x.Role, x.Slot });
                    table.ForeignKey(
                        name: "FK_incident_people_incident_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "incident_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_incident_people_pseudonyms_PseudonymId",
                        column: x => x.PseudonymId,
                        principalTable: "pseudonyms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "incident_perpetrators",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    ProfileId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_perpetrators", x => new { x.VersionId, x.Slot });
                    table.ForeignKey(
                        name: "FK_incident_perpetrators_incident_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "incident_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_incident_perpetrators_perpetrator_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "perpetrator_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "alert_confirmations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AlertId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberRef = table.Column<byte[]>(type: "BLOB", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_confirmations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alert_confirmations_alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_confirmations_AlertId_MemberRef",
                table: "alert_confirmations",
                columns: new[] { "AlertId", "MemberRef" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alert_history_CellY_CellX_HourOfWeek_Kind",
                table: "alert_history",
                columns: new[] { "CellY", "CellX", "HourOfWeek", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alerts_ExpiresAt",
                table: "alerts",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_Kind",
                table: "alerts",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_LandmarkId",
                table: "alerts",
                column: "LandmarkId");

            migrationBuilder.CreateIndex(
                name: "IX_case_assignees_CaseId_MemberIndex",
                table: "case_assignees",
                columns: new[] { "CaseId", "MemberIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_case_assignees_MemberIndex",
                table: "case_assignees",
                column: "MemberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_case_deadlines_CaseId",
                table: "case_deadlines",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_deadlines_RemindedAt_Due",
                table: "case_deadlines",
                columns: new[] { "RemindedAt", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_case_documents_CaseId",
                table: "case_documents",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_incidents_IncidentId",
                table: "case_incidents",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_case_people_CaseId",
                table: "case_people",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_people_MemberIndex",
                table: "case_people",
                column: "MemberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_case_people_WatchIndex",
                table: "case_people",
                column: "WatchIndex");

            migrationBuilder.CreateIndex(
                name: "IX_case_perpetrators_ProfileId",
                table: "case_perpetrators",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_case_steps_CaseId",
                table: "case_steps",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_case_warnings_CaseId_SourceKey",
                table: "case_warnings",
                columns: new[] { "CaseId", "SourceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_checkins_OwnerIndex",
                table: "checkins",
                column: "OwnerIndex");

            migrationBuilder.CreateIndex(
                name: "IX_checkins_State_DueAt",
                table: "checkins",
                columns: new[] { "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_circle_links_MemberIndex",
                table: "circle_links",
                column: "MemberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_circle_links_OwnerIndex",
                table: "circle_links",
                column: "OwnerIndex");

            migrationBuilder.CreateIndex(
                name: "IX_idempotent_requests_CreatedAt",
                table: "idempotent_requests",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_incident_acts_Code",
                table: "incident_acts",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_incident_evidence_IncidentId",
                table: "incident_evidence",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_incident_people_PseudonymId",
                table: "incident_people",
                column: "PseudonymId");

            migrationBuilder.CreateIndex(
                name: "IX_incident_perpetrators_ProfileId",
                table: "incident_perpetrators",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_incident_versions_IncidentId_Number",
                table: "incident_versions",
                columns: new[] { "IncidentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_incident_versions_OccurredFrom",
                table: "incident_versions",
                column: "OccurredFrom");

            migrationBuilder.CreateIndex(
                name: "IX_incidents_OwnerIndex",
                table: "incidents",
                column: "OwnerIndex");

            migrationBuilder.CreateIndex(
                name: "IX_invitations_CodeIndex",
                table: "invitations",
                column: "CodeIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_invitations_CreatedBy",
                table: "invitations",
                column: "CreatedBy");

            migrationBuilder.CreateIndex(
                name: "IX_members_HandleIndex",
                table: "members",
                column: "HandleIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_perpetrator_profiles_BadgeIndex",
                table: "perpetrator_profiles",
                column: "BadgeIndex");

            migrationBuilder.CreateIndex(
                name: "IX_perpetrator_profiles_PlateIndex",
                table: "perpetrator_profiles",
                column: "PlateIndex");

            migrationBuilder.CreateIndex(
                name: "IX_pseudonyms_NameIndex",
                table: "pseudonyms",
                column: "NameIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_push_subscriptions_EndpointIndex",
                table: "push_subscriptions",
                column: "EndpointIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_push_subscriptions_MemberId",
                table: "push_subscriptions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_MemberIndex",
                table: "sessions",
                column: "MemberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_TokenHash",
                table: "sessions",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sos_calls_OwnerIndex",
                table: "sos_calls",
                column: "OwnerIndex");

            migrationBuilder.CreateIndex(
                name: "IX_sos_calls_ResolvedAt",
                table: "sos_calls",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_sos_responses_SosId",
                table: "sos_responses",
                column: "SosId");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_ExpiresAt",
                table: "warnings",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_PhoneIndex",
                table: "warnings",
                column: "PhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_warnings_PlateIndex",
                table: "warnings",
                column: "PlateIndex");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_confirmations");

            migrationBuilder.DropTable(
                name: "alert_history");

            migrationBuilder.DropTable(
                name: "alert_reporter_tracks");

            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "case_assignees");

            migrationBuilder.DropTable(
                name: "case_deadlines");

            migrationBuilder.DropTable(
                name: "case_documents");

            migrationBuilder.DropTable(
                name: "case_incidents");

            migrationBuilder.DropTable(
                name: "case_people");

            migrationBuilder.DropTable(
                name: "case_perpetrators");

            migrationBuilder.DropTable(
                name: "case_steps");

            migrationBuilder.DropTable(
                name: "case_warnings");

            migrationBuilder.DropTable(
                name: "checkins");

            migrationBuilder.DropTable(
                name: "circle_links");

            migrationBuilder.DropTable(
                name: "duress_calls");

            migrationBuilder.DropTable(
                name: "idempotent_requests");

            migrationBuilder.DropTable(
                name: "incident_acts");

            migrationBuilder.DropTable(
                name: "incident_evidence");

            migrationBuilder.DropTable(
                name: "incident_people");

            migrationBuilder.DropTable(
                name: "incident_perpetrators");

            migrationBuilder.DropTable(
                name: "invitations");

            migrationBuilder.DropTable(
                name: "networks");

            migrationBuilder.DropTable(
                name: "push_subscriptions");

            migrationBuilder.DropTable(
                name: "safe_places");

            migrationBuilder.DropTable(
                name: "seal");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "sos_responses");

            migrationBuilder.DropTable(
                name: "vapid_keys");

            migrationBuilder.DropTable(
                name: "warning_checks");

            migrationBuilder.DropTable(
                name: "warning_reports");

            migrationBuilder.DropTable(
                name: "warnings");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "pseudonyms");

            migrationBuilder.DropTable(
                name: "incident_versions");

            migrationBuilder.DropTable(
                name: "perpetrator_profiles");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "sos_calls");

            migrationBuilder.DropTable(
                name: "landmarks");

            migrationBuilder.DropTable(
                name: "incidents");
        }
    }
}
