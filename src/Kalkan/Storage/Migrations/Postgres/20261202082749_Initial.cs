using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kalkan.Storage.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CellY = table.Column<int>(type: "integer", nullable: false),
                    CellX = table.Column<int>(type: "integer", nullable: false),
                    HourOfWeek = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_history", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_reporter_tracks",
                columns: table => new
                {
                    Key = table.Column<byte[]>(type: "bytea", nullable: false),
                    Reports = table.Column<int>(type: "integer", nullable: false),
                    Verified = table.Column<int>(type: "integer", nullable: false),
                    Dismissed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_reporter_tracks", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PreviousHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "checkins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerIndex = table.Column<byte[]>(type: "bytea", nullable: false),
                    OwnerSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    DueAt = table.Column<long>(type: "bigint", nullable: false),
                    NoteSealed = table.Column<byte[]>(type: "bytea", nullable: true),
                    PositionSealed = table.Column<byte[]>(type: "bytea", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    FiredAt = table.Column<long>(type: "bigint", nullable: true),
                    FiredBy = table.Column<Guid>(type: "uuid", nullable: true),
                    EscalatedAt = table.Column<long>(type: "bigint", nullable: true),
                    ResolvedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checkins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "circle_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerIndex = table.Column<byte[]>(type: "bytea", nullable: false),
                    MemberIndex = table.Column<byte[]>(type: "bytea", nullable: false),
                    PairSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    AcceptedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_circle_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "landmarks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NameSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    PositionSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_landmarks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HandleSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    HandleIndex = table.Column<byte[]>(type: "bytea", nullable: false),
                    PassphraseHash = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    InvitedBySealed = table.Column<byte[]>(type: "bytea", nullable: true),
                    RevokedAt = table.Column<long>(type: "bigint", nullable: true),
                    DuressHash = table.Column<string>(type: "text", nullable: true),
                    DecoyId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsDecoy = table.Column<bool>(type: "boolean", nullable: false),
                    TotpSecretSealed = table.Column<byte[]>(type: "bytea", nullable: true),
                    TotpEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    TotpLastStep = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "networks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NameSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    RequireSecondFactor = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_networks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "seal",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Salt = table.Column<byte[]>(type: "bytea", nullable: false),
                    MemoryKib = table.Column<int>(type: "integer", nullable: false),
                    Iterations = table.Column<int>(type: "integer", nullable: false),
                    Parallelism = table.Column<int>(type: "integer", nullable: false),
                    WrappedRootKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    KeyCheck = table.Column<byte[]>(type: "bytea", nullable: false),
                    ShareThreshold = table.Column<int>(type: "integer", nullable: false),
                    ShareCount = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seal", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sos_calls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerIndex = table.Column<byte[]>(type: "bytea", nullable: false),
                    OwnerSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    PositionSealed = table.Column<byte[]>(type: "bytea", nullable: true),
                    NoteSealed = table.Column<byte[]>(type: "bytea", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    FirstResponseAt = table.Column<long>(type: "bigint", nullable: true),
                    EscalatedAt = table.Column<long>(type: "bigint", nullable: true),
                    ResolvedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sos_calls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vapid_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PublicKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    PrivateKeySealed = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vapid_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PositionSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    LandmarkId = table.Column<Guid>(type: "uuid", nullable: true),
                    NoteSealed = table.Column<byte[]>(type: "bytea", nullable: true),
                    ReporterRef = table.Column<byte[]>(type: "bytea", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Confirmations = table.Column<int>(type: "integer", nullable: false),
                    RequiredConfirmations = table.Column<int>(type: "integer", nullable: false),
                    ReportedAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CodeIndex = table.Column<byte[]>(type: "bytea", nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false),
                    UsedAt = table.Column<long>(type: "bigint", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    EndpointSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    EndpointIndex = table.Column<byte[]>(type: "bytea", nullable: false),
                    P256dhSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    AuthSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
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
                name: "sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    LastSeenAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sessions_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sos_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SosId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResponderSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
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
                name: "alert_confirmations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AlertId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberRef = table.Column<byte[]>(type: "bytea", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
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
                name: "IX_checkins_FiredBy",
                table: "checkins",
                column: "FiredBy");

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
                name: "IX_push_subscriptions_EndpointIndex",
                table: "push_subscriptions",
                column: "EndpointIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_push_subscriptions_MemberId",
                table: "push_subscriptions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_MemberId",
                table: "sessions",
                column: "MemberId");

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
                name: "checkins");

            migrationBuilder.DropTable(
                name: "circle_links");

            migrationBuilder.DropTable(
                name: "invitations");

            migrationBuilder.DropTable(
                name: "networks");

            migrationBuilder.DropTable(
                name: "push_subscriptions");

            migrationBuilder.DropTable(
                name: "seal");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "sos_responses");

            migrationBuilder.DropTable(
                name: "vapid_keys");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "sos_calls");

            migrationBuilder.DropTable(
                name: "landmarks");
        }
    }
}
