export default function VerifyCredentialPage() {
  return null;
}
