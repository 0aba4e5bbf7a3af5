export default function CourseCatalogPage() {
  return null;
}
