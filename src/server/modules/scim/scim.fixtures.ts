/**
 * The requests Okta and Microsoft Entra ID send a SCIM 2.0 service provider, in the order they send them, as
 * documented by each (Okta: "SCIM 2.0 protocol reference" and its Runscope test suite; Entra: "Tutorial: Develop
 * and plan provisioning for a SCIM endpoint" and its SCIM validator). `{user}`, `{group}`, `{manager}` and
 * `{random}` stand for ids the test fills in; a step's `expect` is the status RFC 7644 asks for.
 */
export interface ScimStep {
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  expect: number;
}

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

export const OKTA_USER = "jane.doe@okta-fixture.test";

export const OKTA: ScimStep[] = [
  {
    name: "looks the user up before creating them",
    method: "GET",
    path: `/Users?filter=${encodeURIComponent(`userName eq "${OKTA_USER}"`)}&startIndex=1&count=100`,
    expect: 200,
  },
  {
    name: "creates the user",
    method: "POST",
    path: "/Users",
    body: {
      schemas: [USER],
      userName: OKTA_USER,
      name: { givenName: "Jane", familyName: "Doe" },
      emails: [{ primary: true, value: OKTA_USER, type: "work" }],
      displayName: "Jane Doe",
      locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7",
      groups: [],
      password: "1mz050nq",
      active: true,
    },
    expect: 201,
  },
  { name: "reads the user back", method: "GET", path: "/Users/{user}", expect: 200 },
  {
    name: "finds the user by userName again",
    method: "GET",
    path: `/Users?filter=${encodeURIComponent(`userName eq "${OKTA_USER.toUpperCase()}"`)}&startIndex=1&count=100`,
    expect: 200,
  },
  {
    name: "updates the profile with PUT",
    method: "PUT",
    path: "/Users/{user}",
    body: {
      schemas: [USER, ENTERPRISE],
      id: "{user}",
      userName: OKTA_USER,
      name: { givenName: "Jane", familyName: "Doe-Smith" },
      emails: [{ primary: true, value: OKTA_USER, type: "work" }],
      title: "Staff Engineer",
      displayName: "Jane Doe-Smith",
      locale: "en-US",
      externalId: "00ujl29u0le5T6Aj10h7",
      active: true,
      [ENTERPRISE]: { department: "Okta Engineering", manager: { value: "{manager}" } },
    },
    expect: 200,
  },
  {
    name: "deactivates the user",
    method: "PATCH",
    path: "/Users/{user}",
    body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: false } }] },
    expect: 200,
  },
  {
    name: "reactivates the user",
    method: "PATCH",
    path: "/Users/{user}",
    body: { schemas: [PATCH_OP], Operations: [{ op: "replace", value: { active: true } }] },
    expect: 200,
  },
  {
    name: "pushes a group",
    method: "POST",
    path: "/Groups",
    body: {
      schemas: [GROUP],
      displayName: "Okta Pushed",
      members: [{ value: "{user}", display: OKTA_USER }],
    },
    expect: 201,
  },
  {
    name: "renames the group (the value repeats its id)",
    method: "PATCH",
    path: "/Groups/{group}",
    body: {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", value: { id: "{group}", displayName: "Okta Pushed (renamed)" } }],
    },
    expect: 200,
  },
  {
    name: "removes the member from the group",
    method: "PATCH",
    path: "/Groups/{group}",
    body: { schemas: [PATCH_OP], Operations: [{ op: "remove", path: 'members[value eq "{user}"]' }] },
    expect: 200,
  },
];

export const ENTRA_USER_NAME = "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1";
export const ENTRA_EMAIL = "test_user_fd0ea19b-0777-472c-9f96-4f70d2226f2e@entra-fixture.test";

export const ENTRA: ScimStep[] = [
  {
    name: "validation probe: a user that cannot exist",
    method: "GET",
    path: `/Users?filter=${encodeURIComponent('userName eq "{random}"')}`,
    expect: 200,
  },
  {
    name: "validation probe: a group that cannot exist, without members",
    method: "GET",
    path: `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "{random}"')}`,
    expect: 200,
  },
  { name: "validation probe: an id that cannot exist", method: "GET", path: "/Users/{random}", expect: 404 },
  {
    name: "looks the user up before creating them",
    method: "GET",
    path: `/Users?filter=${encodeURIComponent(`userName eq "${ENTRA_USER_NAME}"`)}`,
    expect: 200,
  },
  {
    name: "creates the user",
    method: "POST",
    path: "/Users",
    body: {
      schemas: [USER, ENTERPRISE],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: ENTRA_USER_NAME,
      active: true,
      emails: [{ primary: true, type: "work", value: ENTRA_EMAIL }],
      meta: { resourceType: "User" },
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      roles: [],
    },
    expect: 201,
  },
  {
    name: "finds the user by userName",
    method: "GET",
    path: `/Users?filter=${encodeURIComponent(`userName eq "${ENTRA_USER_NAME}"`)}`,
    expect: 200,
  },
  {
    name: "finds the user by externalId",
    method: "GET",
    path: `/Users?filter=${encodeURIComponent('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`,
    expect: 200,
  },
  {
    name: "updates attributes with capitalised ops and paths",
    method: "PATCH",
    path: "/Users/{user}",
    body: {
      schemas: [PATCH_OP],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: "updated.email@entra-fixture.test" },
        { op: "Replace", path: "name.givenName", value: "updatedGivenName" },
        { op: "Replace", path: "name.familyName", value: "updatedFamilyName" },
        { op: "Add", path: "title", value: "Product Manager" },
        { op: "Add", path: `${ENTERPRISE}:department`, value: "Entra Product" },
        { op: "Add", path: `${ENTERPRISE}:manager`, value: "{manager}" },
      ],
    },
    expect: 200,
  },
  {
    name: "finds the user by the new email",
    method: "GET",
    path: `/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "updated.email@entra-fixture.test"')}`,
    expect: 200,
  },
  {
    name: "removes the manager",
    method: "PATCH",
    path: "/Users/{user}",
    body: { schemas: [PATCH_OP], Operations: [{ op: "Remove", path: `${ENTERPRISE}:manager` }] },
    expect: 200,
  },
  {
    name: "creates a group",
    method: "POST",
    path: "/Groups",
    body: {
      schemas: [GROUP],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Entra Group",
      meta: { resourceType: "Group" },
    },
    expect: 201,
  },
  {
    name: "finds the group by displayName without members",
    method: "GET",
    path: `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Entra Group"')}`,
    expect: 200,
  },
  {
    name: "adds a member",
    method: "PATCH",
    path: "/Groups/{group}",
    body: { schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value: [{ value: "{user}" }] }] },
    expect: 200,
  },
  {
    name: "checks membership with a members filter",
    method: "GET",
    path: `/Groups?filter=${encodeURIComponent('id eq "{group}" and members[value eq "{user}"]')}&excludedAttributes=members`,
    expect: 200,
  },
  {
    name: "renames the group",
    method: "PATCH",
    path: "/Groups/{group}",
    body: {
      schemas: [PATCH_OP],
      Operations: [{ op: "Replace", path: "displayName", value: "Entra Group 2" }],
    },
    expect: 200,
  },
  {
    name: "removes the member",
    method: "PATCH",
    path: "/Groups/{group}",
    body: {
      schemas: [PATCH_OP],
      Operations: [{ op: "Remove", path: "members", value: [{ value: "{user}" }] }],
    },
    expect: 200,
  },
  {
    name: "disables the user (older agents send the boolean as a string)",
    method: "PATCH",
    path: "/Users/{user}",
    body: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: "False" }] },
    expect: 200,
  },
  {
    name: "enables the user again",
    method: "PATCH",
    path: "/Users/{user}",
    body: { schemas: [PATCH_OP], Operations: [{ op: "Replace", path: "active", value: true }] },
    expect: 200,
  },
  {
    name: "deletes the user (soft-deleted first, then deleted)",
    method: "DELETE",
    path: "/Users/{user}",
    expect: 204,
  },
  { name: "deletes the group", method: "DELETE", path: "/Groups/{group}", expect: 204 },
];
