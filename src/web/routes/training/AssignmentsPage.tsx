export default function AssignmentsPage() {
  return null;
}
