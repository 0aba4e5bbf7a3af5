import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, type OrgRole, unwrap } from "../../api/client.ts";
import { useCursorList } from "../../api/paging.ts";
import { useSession } from "../../api/session.ts";
import { Button, ButtonLink } from "../../components/Button.tsx";
import { FacetFilter } from "../../components/FacetFilter.tsx";
import { Badge, EmptyState, ErrorState, Loading } from "../../components/Feedback.tsx";
import { SelectField, TextField } from "../../components/Field.tsx";
import { LoadMore } from "../../components/LoadMore.tsx";
import { PageHeader, usePageTitle } from "../../components/Page.tsx";
import { ORG_ROLES, ROLE_LABELS, ROLE_OPTIONS } from "../../lib/labels.ts";

const PAGE_SIZE = 20;
const FILTERS = ["department", "role", "location", "language", "status"] as const;

const isRole = (v: string | null): v is OrgRole => v !== null && (ORG_ROLES as string[]).includes(v);
const STATUSES = ["active", "invited", "deactivated"] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (v: string | null): v is Status => v !== null && (STATUSES as readonly string[]).includes(v);

export default function DirectoryPage() {
  usePageTitle("People");
  const { person: me } = useSession();
  const isAdmin = me.orgRole === "org_admin";
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const role = params.get("role");
  const status = params.get("status");
  const filters = {
    q: q || undefined,
    department: params.get("department") || undefined,
    role: isRole(role) ? role : undefined,
    location: params.get("location") || undefined,
    language: params.get("language") || undefined,
    status: isAdmin && isStatus(status) ? status : undefined,
  };
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const facets = useQuery({
    queryKey: ["people-facets"],
    queryFn: () => unwrap(api.GET("/api/people/facets")),
  });
  const people = useCursorList({
    queryKey: ["people", filters],
    fetchPage: (cursor) =>
      unwrap(api.GET("/api/people", { params: { query: { ...filters, limit: PAGE_SIZE, cursor } } })),
  });

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    update({ q: draft.trim() });
  };
  const anyFilter = Boolean(q) || FILTERS.some((f) => params.get(f));
  const total = people.first?.total ?? 0;

  return (
    <>
      <PageHeader
        title="People"
        description="Find colleagues by name, skill area, department, location or language."
        actions={isAdmin ? <ButtonLink to="/admin/invitations">Invite people</ButtonLink> : null}
      />
      <search aria-label="People" className="mb-6 block rounded-lg border border-slate-300 bg-white p-4">
        <form onSubmit={onSearch}>
          <div className="flex flex-wrap items-end gap-3">
            <TextField
              label="Search"
              type="search"
              name="q"
              className="min-w-60 flex-1 space-y-1"
              placeholder="Name, email or title"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
            <Button type="submit">Search</Button>
          </div>
          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <FacetFilter
              facet="department"
              label="Department"
              noun="departments"
              summary={facets.data?.departments}
              value={filters.department ?? ""}
              onChange={(department) => update({ department })}
            />
            <SelectField
              label="Role"
              value={filters.role ?? ""}
              onChange={(e) => update({ role: e.target.value })}
              placeholder="All roles"
              options={ROLE_OPTIONS}
            />
            <FacetFilter
              facet="location"
              label="Location"
              noun="locations"
              summary={facets.data?.locations}
              value={filters.location ?? ""}
              onChange={(location) => update({ location })}
            />
            <FacetFilter
              facet="language"
              label="Language"
              noun="languages"
              summary={facets.data?.languages}
              value={filters.language ?? ""}
              onChange={(language) => update({ language })}
            />
            {isAdmin ? (
              <SelectField
                label="Status"
                value={filters.status ?? ""}
                onChange={(e) => update({ status: e.target.value })}
                placeholder="Active and invited"
                options={[
                  { value: "active", label: "Active" },
                  { value: "invited", label: "Invited" },
                  { value: "deactivated", label: "Deactivated" },
                ]}
              />
            ) : null}
          </div>
          {anyFilter ? (
            <p className="mt-3">
              <button
                type="button"
                className="text-sm font-semibold text-emerald-800 underline"
                onClick={() => setParams(new URLSearchParams())}
              >
                Clear search and filters
              </button>
            </p>
          ) : null}
        </form>
      </search>

      <p aria-live="polite" className="sr-only">
        {people.isFetching && !people.isFetchingNextPage
          ? "Searching…"
          : `${total} ${total === 1 ? "person" : "people"} found.`}
      </p>
      {people.isPending ? (
        <Loading label="Loading people…" />
      ) : people.isError ? (
        <ErrorState error={people.error} onRetry={() => void people.refetch()} />
      ) : people.items.length === 0 ? (
        anyFilter ? (
          <EmptyState title="No one matches your search">
            <p>Try fewer filters or a shorter search, or clear them to see everyone.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No people yet">
            {isAdmin ? (
              <p>
                <Link to="/admin/invitations">Invite the first people</Link> to your organization.
              </p>
            ) : (
              <p>Your admin has not invited anyone yet.</p>
            )}
          </EmptyState>
        )
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
            <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
              <caption className="sr-only">People, {total} in all</caption>
              <thead className="bg-slate-100 text-slate-800">
                <tr>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    Department
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    Location
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    Languages
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    Role
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {people.items.map((p) => (
                  <tr key={p.id}>
                    <td className="px-4 py-2">
                      <Link to={`/people/${p.id}`} className="font-semibold">
                        {p.name}
                      </Link>
                      {p.title ? <div className="text-slate-700">{p.title}</div> : null}
                      {p.status !== "active" ? (
                        <Badge tone={p.status === "invited" ? "amber" : "red"}>
                          {p.status === "invited" ? "Invited" : "Deactivated"}
                        </Badge>
                      ) : null}
                    </td>
                    <td className="px-4 py-2">{p.department ?? "—"}</td>
                    <td className="px-4 py-2">{p.location ?? "—"}</td>
                    <td className="px-4 py-2">{p.languages.join(", ") || "—"}</td>
                    <td className="px-4 py-2">{ROLE_LABELS[p.orgRole]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore
            shown={people.items.length}
            total={total}
            noun={total === 1 ? "person" : "people"}
            hasMore={people.hasNextPage}
            loading={people.isFetchingNextPage}
            onLoad={() => void people.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
