export default function CoursePage() {
  return null;
}
